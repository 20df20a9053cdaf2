// Snippets (snippets/*.json, the same ones VS Code contributes) offered by the language server at
// the start of an empty document, so editors other than VS Code — and the protocol tests — get
// them too. The host injects the snippet definitions; core reads no files.
import type { Cursor } from './cursor';
import type { CompletionEntry } from './completion';

export interface SnippetDefinition {
  prefix: string | string[];
  description?: string;
  body: string | string[];
}

/** Whether the cursor's document holds nothing but the word being typed (and comments). */
export function inEmptyDocument(cursor: Cursor): boolean {
  if (cursor.position !== 'key' || cursor.path.length > 0) return false;
  const contents = cursor.document?.doc.contents as { items?: { key?: { value?: unknown } }[] } | null | undefined;
  if (!contents) return true;
  if (!Array.isArray(contents.items)) return typeof (contents as { value?: unknown }).value === 'string';
  return contents.items.every((item) => String(item.key?.value ?? '') === cursor.word);
}

export function snippetEntries(cursor: Cursor, offset: number, snippets: Record<string, SnippetDefinition>): CompletionEntry[] {
  return Object.values(snippets).map((s) => {
    const prefix = Array.isArray(s.prefix) ? s.prefix[0] : s.prefix;
    return {
      label: prefix,
      kind: 'snippet' as const,
      detail: s.description,
      documentation: s.description,
      insertText: Array.isArray(s.body) ? s.body.join('\n') : s.body,
      snippet: true,
      sortText: `2${prefix}`,
      start: cursor.wordStart,
      end: offset,
    };
  });
}

/** A snippet's text with every placeholder at its default (`${1:web}` → web, `${1|a,b|}` → a). */
export function snippetText(snippet: SnippetDefinition): string {
  const body = Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
  return `${body.replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '')}\n`;
}
