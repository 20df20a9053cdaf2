// "The fields the file sets": a live or dry-run object cut down to the shape of the manifest,
// so a diff shows what an apply changes and nothing of status, defaults or managedFields.
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const KEYS = ['name', 'mountPath', 'containerPort', 'port', 'key'];

/** `value` restricted to the paths present in `shape`; lists of named items are matched by name. */
export function project(value: unknown, shape: unknown): unknown {
  if (isObj(shape)) {
    if (!isObj(value)) return value;
    const out: Obj = {};
    for (const k of Object.keys(shape)) if (k in value) out[k] = project(value[k], shape[k]);
    return out;
  }
  if (Array.isArray(shape) && Array.isArray(value)) {
    const key = KEYS.find((k) => shape.every((s) => isObj(s) && s[k] !== undefined));
    if (!key) return value;
    return shape.map((s) => {
      const match = value.find((v) => isObj(v) && v[key] === s[key]);
      return match === undefined ? undefined : project(match, s);
    }).filter((v) => v !== undefined);
  }
  return value;
}

/** One path segment: a key, a list index, or a list item by its `name`. */
export type Segment = string | number | { name: string };

export interface FieldChange {
  /** `spec.template.spec.containers[web].image` */
  path: string;
  segments: Segment[];
  before: unknown;
  after: unknown;
}

export function formatSegments(segments: Segment[]): string {
  return segments.reduce<string>((out, s) => (typeof s === 'string' ? (out ? `${out}.${s}` : s) : `${out}[${typeof s === 'number' ? s : s.name}]`), '');
}

/** Leaf fields whose values differ, with both values. */
export function fieldChanges(before: unknown, after: unknown, segments: Segment[] = []): FieldChange[] {
  if (isObj(before) && isObj(after)) {
    return [...new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((k) => fieldChanges(before[k], after[k], [...segments, k]));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((b, i) => fieldChanges(b, after[i], [...segments, isObj(after[i]) && typeof after[i].name === 'string' ? { name: after[i].name } : i]));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: formatSegments(segments), segments, before, after }];
}

/** Leaf paths whose values differ (`spec.template.spec.containers[web].image`). */
export function changedPaths(before: unknown, after: unknown): string[] {
  return fieldChanges(before, after).map((c) => c.path);
}
