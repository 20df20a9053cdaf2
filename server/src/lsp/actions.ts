import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import type { Finding } from '../core/findings';
import type { ParsedFile } from '../core/model/parse';
import { toDiagnostic } from './convert';

/** "Disable <rule> for this line": a suppression comment above the finding's line, same indentation. */
export function disableLineAction(file: ParsedFile, uri: string, finding: Finding): CodeAction {
  const line = file.lines.positionAt(finding.start).line;
  const indent = /^\s*/.exec(file.lines.lineText(line))?.[0] ?? '';
  return {
    title: `Disable ${finding.ruleId} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [toDiagnostic(file.lines, finding)],
    edit: { changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}# kubesight-disable-next-line ${finding.ruleId}\n` }] } },
  };
}
