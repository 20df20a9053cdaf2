import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import { disableLineFix } from '../core/features/disable-line';
import { ingressConversion } from '../core/features/ingress-to-gateway';
import type { Finding } from '../core/findings';
import type { ParsedFile } from '../core/model/parse';
import type { ServerContext } from './context';
import { toCodeAction, toDiagnostic } from './convert';
import type { ServerState } from './state';

/** Quick fixes, "disable for this line" and the Gateway API conversion. */
export function registerCodeActions(ctx: ServerContext): void {
  ctx.connection.onCodeAction((params) => ctx.safe('code actions', [] as CodeAction[], () => codeActions(ctx.state, params)));
}

/**
 * The actions at a range of the document's current version. Their findings are that version's:
 * the published ones when they are of it, else computed now (an edit not yet published must not
 * get fixes whose offsets belong to another text; ServerState.currentFindings).
 */
export function codeActions(state: ServerState, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const file = state.workspace.file(uri)?.parsed;
  const current = state.currentFindings(uri);
  if (!file || !current) return [];
  const start = file.lines.offsetAt(params.range.start);
  const end = file.lines.offsetAt(params.range.end);
  const findings = current.findings.filter((f) => f.start <= end && f.end >= start);
  const linesOf = (u: string) => state.workspace.file(u)?.parsed.lines;
  const fixes = findings.flatMap((f) => (f.fixes ?? []).map((fix) => toCodeAction(linesOf, uri, fix, toDiagnostic(file.lines, f))));
  const ruleIds = [...new Set(findings.map((f) => f.ruleId))];
  const disables = ruleIds.map((id) => disableLineAction(file, uri, findings.find((f) => f.ruleId === id)!));
  const wantsRewrites = !params.context.only || params.context.only.some((k) => CodeActionKind.RefactorRewrite.startsWith(k));
  const conversion = wantsRewrites ? ingressConversion(state.workspace, uri, start) : undefined;
  const rewrites = conversion ? [toCodeAction(linesOf, uri, conversion, undefined, CodeActionKind.RefactorRewrite)] : [];
  return [...fixes, ...disables, ...rewrites];
}

/** "Disable <rule> for this line" (core/features/disable-line.ts), as a quick fix of that finding. */
function disableLineAction(file: ParsedFile, uri: string, finding: Finding): CodeAction {
  return toCodeAction((u) => (u === uri ? file.lines : undefined), uri, disableLineFix(file, finding), toDiagnostic(file.lines, finding));
}
