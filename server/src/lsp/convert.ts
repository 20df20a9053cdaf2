// The only place where core results become LSP types (offsets → UTF-16 positions, severities, edits).
import { CodeActionKind, CompletionItemKind, DiagnosticSeverity, InsertTextFormat, MarkupKind, SymbolKind, type CodeAction, type CompletionItem, type Diagnostic, type DocumentSymbol, type Hover, type Range, type TextEdit } from 'vscode-languageserver';
import type { CompletionEntry } from '../core/features/completion';
import type { HoverResult } from '../core/features/hover';
import type { DocumentSymbolEntry } from '../core/features/symbols';
import type { Finding, Fix } from '../core/findings';
import type { LineIndex } from '../core/model/line-index';
import { ruleDocsUrl } from '../core/rules/ids';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information, hint: DiagnosticSeverity.Hint } as const;

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(Math.max(start, end)) };
}

export function toDiagnostic(lines: LineIndex, f: Finding): Diagnostic {
  // codeDescription: the editor links the code to the rule's section of docs/rules.md.
  return { range: toRange(lines, f.start, f.end), severity: SEVERITY[f.severity], code: f.ruleId, codeDescription: { href: ruleDocsUrl(f.ruleId) }, source: 'kubesight', message: f.message };
}

/** A fix's edits grouped by file; an edit in a file the snapshot does not hold is dropped. */
export function toChanges(linesOf: (uri: string) => LineIndex | undefined, uri: string, fix: Fix): Record<string, TextEdit[]> {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of fix.edits) {
    const target = e.uri ?? uri;
    const lines = linesOf(target);
    if (lines) (changes[target] ??= []).push({ range: toRange(lines, e.start, e.end), newText: e.newText });
  }
  return changes;
}

export function toCodeAction(linesOf: (uri: string) => LineIndex | undefined, uri: string, fix: Fix, diagnostic: Diagnostic | undefined, kind: CodeActionKind = CodeActionKind.QuickFix): CodeAction {
  return {
    title: fix.title,
    kind,
    isPreferred: fix.preferred,
    diagnostics: diagnostic ? [diagnostic] : undefined,
    edit: { changes: toChanges(linesOf, uri, fix) },
  };
}

const ITEM_KIND = { property: CompletionItemKind.Property, value: CompletionItemKind.Value, kind: CompletionItemKind.Class, reference: CompletionItemKind.Reference, snippet: CompletionItemKind.Snippet } as const;

export function toCompletionItem(lines: LineIndex, e: CompletionEntry): CompletionItem {
  return {
    label: e.label,
    kind: ITEM_KIND[e.kind],
    detail: e.detail,
    documentation: e.documentation ? { kind: MarkupKind.Markdown, value: e.documentation } : undefined,
    sortText: e.sortText,
    filterText: e.label,
    insertTextFormat: e.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: toRange(lines, e.start, e.end), newText: e.insertText },
  };
}

export function toHover(lines: LineIndex, h: HoverResult): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: h.contents }, range: toRange(lines, h.start, h.end) };
}

export function toDocumentSymbol(lines: LineIndex, s: DocumentSymbolEntry): DocumentSymbol {
  return { name: s.name, detail: s.detail, kind: SymbolKind.Class, range: toRange(lines, s.start, s.end), selectionRange: toRange(lines, s.selectionStart, s.selectionEnd) };
}
