/** Plain-object helpers for the build: values are the JS form of YAML documents (maps, lists, scalars). */
export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** The map at `key` of `parent`, created (or replacing a null) when asked. */
export function childMap(parent: Obj, key: string, create: boolean): Obj | undefined {
  const v = parent[key];
  if (isObj(v)) return v;
  if (!create || (v !== undefined && v !== null)) return undefined;
  const made: Obj = {};
  parent[key] = made;
  return made;
}

/** kustomize field-spec path segments: `/` separates, `\/` is a slash inside a key. */
export function pathSegments(path: string): string[] {
  // Every build splits the built-in field specs' paths many times; few of them escape a slash.
  if (!path.includes('\\')) return path.split('/');
  return path.split(/(?<!\\)\//).map((s) => s.replace(/\\\//g, '/'));
}

/**
 * Calls `set(container, key)` for each place a field-spec path reaches: lists on the way are entered
 * element by element (`name[]` says so explicitly, a plain segment does it too), missing maps are
 * created when `create` holds, otherwise the path stops there. The last key is passed even when
 * absent if `create` holds (the setter creates it).
 */
export function visitPath(value: unknown, segments: readonly string[], create: boolean, set: (container: Obj, key: string) => void, from = 0): void {
  // By index, not by slicing off the first segment: every build walks the built-in specs' paths through every object.
  if (from >= segments.length || value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) visitPath(item, segments, create, set, from);
    return;
  }
  if (!isObj(value)) return;
  const first = segments[from];
  const listed = first.endsWith('[]');
  const key = listed ? first.slice(0, -2) : first;
  if (from === segments.length - 1) {
    if (key in value || create) set(value, key);
    return;
  }
  const next = value[key];
  if (Array.isArray(next)) return visitPath(next, segments, create, set, from + 1);
  const map = childMap(value, key, create && !listed);
  if (map) visitPath(map, segments, create, set, from + 1);
}

export function deepClone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(deepClone) as T;
  if (isObj(value)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value)) out[k] = deepClone(v);
    return out as T;
  }
  return value;
}

/** A string-to-string map field, created when absent. */
export function stringMap(parent: Obj, key: string): Record<string, unknown> {
  return childMap(parent, key, true) ?? {};
}
