import { isPatchDirective } from '../patch-directives';
import { isObj, type Obj } from './fields';
import type { OriginTable } from './resource';

/** The merge key of the list at a field path of the patched object (from its schema); undefined: the list is replaced. */
export type MergeKeyAt = (path: readonly (string | number)[]) => string | undefined;

/** Marks a value a patch deleted (`$patch: delete`). */
const DELETED = Symbol('deleted');

/**
 * A strategic-merge patch applied as kustomize applies it (kyaml merge2, lists prepended): maps
 * merge key by key, `null` deletes, `$patch: delete|replace` delete or replace a map or list
 * element; a list with a merge key merges element by element, the patch's elements first in the
 * patch's order, then the others in their order; any other list is replaced. Returns undefined
 * when the whole object is deleted. New content keeps the patch's origins.
 */
export function strategicMerge(target: Obj, patch: Obj, mergeKeyAt: MergeKeyAt, origins: OriginTable): Obj | undefined {
  const merged = mergeValue(target, patch, [], mergeKeyAt, origins);
  return merged === DELETED || !isObj(merged) ? undefined : merged;
}

function mergeValue(dest: unknown, patch: unknown, path: (string | number)[], mergeKeyAt: MergeKeyAt, origins: OriginTable): unknown {
  if (isObj(patch)) {
    if (patch.$patch === 'delete') return DELETED;
    if (patch.$patch === 'replace' || !isObj(dest)) return fresh(patch, origins);
    for (const [key, value] of Object.entries(patch)) {
      if (isPatchDirective(key)) continue;
      if (value === null) {
        delete dest[key];
        continue;
      }
      const next = mergeValue(dest[key], value, [...path, key], mergeKeyAt, origins);
      if (next === DELETED) delete dest[key];
      else {
        dest[key] = next;
        origins.record(dest, key, origins.get(patch, key));
      }
    }
    return dest;
  }
  if (Array.isArray(patch)) {
    const key = mergeKeyAt(path);
    return key && Array.isArray(dest) ? mergeList(dest, patch, key, path, mergeKeyAt, origins) : fresh(patch, origins);
  }
  return patch;
}

function mergeList(dest: unknown[], patch: unknown[], key: string, path: (string | number)[], mergeKeyAt: MergeKeyAt, origins: OriginTable): unknown[] {
  if (patch.some((p) => isObj(p) && p.$patch === 'replace')) return patch.filter((p) => !(isObj(p) && p.$patch === 'replace')).map((p) => fresh(p, origins));
  const keyOf = (v: unknown) => (isObj(v) && v[key] !== undefined && v[key] !== null ? String(v[key]) : undefined);
  const remaining = [...dest];
  const out: unknown[] = [];
  for (const p of patch) {
    const k = keyOf(p);
    const i = k === undefined ? -1 : remaining.findIndex((d) => keyOf(d) === k);
    const existing = i >= 0 ? remaining.splice(i, 1)[0] : undefined;
    const merged = existing === undefined ? (isObj(p) && p.$patch === 'delete' ? DELETED : fresh(p, origins)) : mergeValue(existing, p, [...path, 0], mergeKeyAt, origins);
    if (merged !== DELETED) out.push(merged);
  }
  return [...out, ...remaining];
}

/** Patch content that lands where nothing was: without directives and null fields. */
function fresh(value: unknown, origins: OriginTable): unknown {
  if (Array.isArray(value)) return origins.clone(value.map((v) => fresh(v, origins)));
  if (!isObj(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (isPatchDirective(k) || v === null) continue;
    out[k] = fresh(v, origins);
    origins.record(out, k, origins.get(value, k));
  }
  return out;
}
