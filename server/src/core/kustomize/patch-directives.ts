import type { ParsedDocument } from '../model/parse';

/**
 * Strategic-merge patch directives (kustomize, `kubectl patch`): keys that say how to merge, not
 * fields of the object. A document holding one is a patch, and the directives are never unknown
 * fields: `$patch: delete|replace|merge`, `$retainKeys: [...]`, `$setElementOrder/<list>: [...]`,
 * `$deleteFromPrimitiveList/<list>: [...]`.
 */
export function isPatchDirective(key: string): boolean {
  return key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/') || key.startsWith('$deleteFromPrimitiveList/');
}

const MARKERS = ['$patch', '$retainKeys', '$setElementOrder/', '$deleteFromPrimitiveList/'];

/**
 * Whether the text between two offsets of a document may hold a directive: one search per marker
 * spares walking every value. Callers pass an object's own range (a `List` item's, not the whole
 * List's, or a List of thousands of items would be searched thousands of times).
 */
export function mayHoldDirectives(document: ParsedDocument, start: number, end: number): boolean {
  // A slice bounds the search (indexOf has no end); V8 slices without copying.
  const text = document.source.slice(start - document.chunkStart, end - document.chunkStart);
  return MARKERS.some((m) => text.includes(m));
}

/** Whether a value holds a directive key at any depth. */
export function holdsDirectives(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(holdsDirectives);
  for (const key in value) if (isPatchDirective(key) || holdsDirectives((value as Record<string, unknown>)[key])) return true;
  return false;
}

/** The value without its directive keys (what the schema sees of a patch). */
export function withoutDirectives(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(withoutDirectives);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (!isPatchDirective(k)) out[k] = withoutDirectives(v);
  return out;
}
