import { isMap, isScalar, type Node } from 'yaml';
import type { ParsedFile } from '../model/parse';
import { locate } from '../model/path';
import type { SchemaCatalog } from '../schema/catalog';
import { enumValues, properties, schemaAt, typeLabel, valueShape, type FieldSchema, type SchemaNode } from '../schema/navigate';
import { cursorAt, type Cursor } from './cursor';
import { documentKind, schemaOfDocument } from './schema-context';
import { referenceProposals } from './reference-completion';
import type { Workspace } from '../workspace/workspace';
import { inEmptyDocument, snippetEntries, type SnippetDefinition } from './snippet-completion';

export interface CompletionEntry {
  label: string;
  kind: 'property' | 'value' | 'kind' | 'reference' | 'snippet';
  detail?: string;
  documentation?: string;
  /** Text to insert; a snippet (with $1 placeholders) when `snippet` is true. */
  insertText: string;
  snippet: boolean;
  sortText: string;
  /** Offsets of the text the entry replaces (the partial word). */
  start: number;
  end: number;
}

/**
 * Completion at an offset: schema keys, enum and boolean values, apiVersion/kind pairs, and with a
 * workspace the names of referenced objects (ConfigMaps, Secrets, PVCs, …) and their keys; the
 * host's snippets at the start of an empty document.
 */
export function complete(file: ParsedFile, offset: number, catalog: SchemaCatalog, workspace?: Workspace, snippets: Record<string, SnippetDefinition> = {}): CompletionEntry[] {
  if (file.skipped) return [];
  const cursor = cursorAt(file, offset);
  const references = referenceProposals(cursor, workspace);
  if (references && references.length > 0) return references.map((r, i) => ({ ...entry(cursor, offset, r.label, 'reference', r.insertText ?? r.label, false, String(i).padStart(4, '0')), detail: r.detail }));
  if (references && cursor.position === 'value') return [];
  const { apiVersion, kind } = documentKind(cursor.document);
  if (cursor.position === 'key' && cursor.path.length === 0 && (!apiVersion || !kind)) {
    return [...kindPairs(cursor, catalog, offset), ...(inEmptyDocument(cursor) ? snippetEntries(cursor, offset, snippets) : [])];
  }
  if (cursor.position === 'value' && cursor.path.length === 1 && cursor.key === 'kind') return kindValues(cursor, catalog, offset, apiVersion);
  if (cursor.position === 'value' && cursor.path.length === 1 && cursor.key === 'apiVersion') return apiVersionValues(cursor, catalog, offset, kind);
  const schema = schemaOfDocument(cursor.document, catalog);
  if (!schema) return [];
  const field = schemaAt(schema.root, cursor.path);
  if (!field) return [];
  if (cursor.position === 'value') return enumValues(field).map((v, i) => entry(cursor, offset, v, 'value', v, false, `0${String(i).padStart(3, '0')}`, field.description));
  return keyEntries(schema.root, field, cursor, offset);
}

function keyEntries(root: SchemaNode, parent: FieldSchema, cursor: Cursor, offset: number): CompletionEntry[] {
  const present = presentKeys(cursor);
  return properties(root, parent.schema)
    .filter(({ name }) => !present.has(name) && name !== 'status')
    .map(({ name, field }) => ({
      ...entry(cursor, offset, name, 'property', skeleton(name, field), true, `${field.required ? '0' : '1'}${name}`, field.description),
      detail: `${typeLabel(root, field)}${field.required ? ' (required)' : ''}`,
    }));
}

/** Keys already written in the map at the cursor, so they are not proposed twice. */
function presentKeys(cursor: Cursor): Set<string> {
  const root = cursor.document?.doc.contents as Node | null | undefined;
  const found = locate(root ?? null, cursor.path);
  if (found.depth < cursor.path.length || !isMap(found.node)) return new Set();
  return new Set(found.node.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')).filter((k) => k && k !== cursor.word));
}

/** `key: $1`, `key:\n  $1` or `key:\n  - $1`, with enum choices when the field has them. */
function skeleton(name: string, field: FieldSchema): string {
  const shape = valueShape(field);
  if (shape === 'object') return `${name}:\n  $0`;
  if (shape === 'array') return `${name}:\n  - $0`;
  const values = enumValues(field);
  if (values.length > 0) return `${name}: \${1|${values.map((v) => v.replace(/[|,$}\\]/g, '\\$&')).join(',')}|}`;
  return `${name}: $0`;
}

function kindPairs(cursor: Cursor, catalog: SchemaCatalog, offset: number): CompletionEntry[] {
  return catalog
    .allEntries()
    .filter((e) => (e.source === 'builtin' ? !e.file?.includes('alpha') : e.source !== 'catalog' || !e.version.includes('alpha')))
    .map((e) => {
      const apiVersion = e.group ? `${e.group}/${e.version}` : e.version;
      return { ...entry(cursor, offset, `${e.kind} (${apiVersion})`, 'kind', `apiVersion: ${apiVersion}\nkind: ${e.kind}\nmetadata:\n  name: \${1:name}\n$0`, true, `${e.group.includes('.') ? '1' : '0'}${e.kind}`), detail: apiVersion };
    });
}

function kindValues(cursor: Cursor, catalog: SchemaCatalog, offset: number, apiVersion: string | undefined): CompletionEntry[] {
  const kinds = catalog.allEntries().filter((e) => !apiVersion || (e.group ? `${e.group}/${e.version}` : e.version) === apiVersion);
  return [...new Set(kinds.map((e) => e.kind))].sort().map((k) => entry(cursor, offset, k, 'value', k, false, k));
}

function apiVersionValues(cursor: Cursor, catalog: SchemaCatalog, offset: number, kind: string | undefined): CompletionEntry[] {
  const entries = kind ? catalog.entriesForKind(kind) : catalog.allEntries();
  const versions = [...new Set(entries.map((e) => (e.group ? `${e.group}/${e.version}` : e.version)))].sort();
  return versions.map((v) => entry(cursor, offset, v, 'value', v, false, v));
}

function entry(cursor: Cursor, offset: number, label: string, kind: CompletionEntry['kind'], insertText: string, snippet: boolean, sortText: string, documentation?: string): CompletionEntry {
  return { label, kind, insertText, snippet, sortText, documentation, start: cursor.wordStart, end: offset };
}
