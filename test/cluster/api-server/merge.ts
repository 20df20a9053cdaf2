// Patch semantics of the test API server: JSON merge patch (RFC 7386), a strategic merge patch
// that merges lists of objects by their merge key, and server-side apply with managed fields, so
// that a dry-run apply returns the merged object a real API server would.
import type { Obj } from './store';

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const MERGE_KEYS = ['name', 'mountPath', 'containerPort', 'port', 'ip', 'devicePath', 'topologyKey'];

export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return patch;
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function mergeKey(a: unknown[], b: unknown[]): string | undefined {
  const items = [...a, ...b];
  if (!items.length || !items.every(isObj)) return undefined;
  return MERGE_KEYS.find((k) => items.every((i) => (i as Obj)[k] !== undefined));
}

/** Strategic merge: maps merge, lists of keyed objects merge by key, other lists are replaced. */
export function strategicMerge(target: unknown, patch: unknown, deleteNulls = true): unknown {
  if (Array.isArray(patch) && Array.isArray(target)) {
    const key = mergeKey(target, patch);
    if (!key) return patch;
    const out = target.map((t) => ({ ...(t as Obj) }));
    for (const p of patch as Obj[]) {
      const i = out.findIndex((t) => t[key] === p[key]);
      if (i >= 0) out[i] = strategicMerge(out[i], p, deleteNulls) as Obj;
      else out.push(p);
    }
    return out;
  }
  if (!isObj(patch)) return patch;
  const out: Obj = isObj(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null && deleteNulls) delete out[k];
    else out[k] = strategicMerge(out[k], v, deleteNulls);
  }
  return out;
}

/** The managed-fields set (FieldsV1) of an applied configuration. */
export function fieldSet(value: unknown): Obj {
  if (!isObj(value)) return {};
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (isObj(v)) out[`f:${k}`] = { '.': {}, ...fieldSet(v) };
    else if (Array.isArray(v) && mergeKey(v, [])) {
      const key = mergeKey(v, [])!;
      out[`f:${k}`] = Object.fromEntries(v.map((item) => [`k:${JSON.stringify({ [key]: (item as Obj)[key] })}`, { '.': {}, ...fieldSet(item) }]));
    } else out[`f:${k}`] = {};
  }
  return out;
}

/** Removes from `value` the fields in `dropped` (a FieldsV1 set) that `kept` does not also hold. */
function removeFields(value: unknown, dropped: Obj, kept: Obj): unknown {
  if (Array.isArray(value)) {
    const entryOf = (item: unknown) => Object.keys(dropped).find((k) => k.startsWith('k:') && isObj(item) && Object.entries(JSON.parse(k.slice(2))).every(([kk, vv]) => item[kk] === vv));
    return value
      .filter((item) => {
        const entry = entryOf(item);
        return !entry || entry in kept;
      })
      .map((item) => {
        const entry = entryOf(item);
        return entry ? removeFields(item, dropped[entry], kept[entry]) : item;
      });
  }
  if (!isObj(value)) return value;
  const out: Obj = { ...value };
  for (const [k, sub] of Object.entries(dropped)) {
    if (!k.startsWith('f:')) continue;
    const field = k.slice(2);
    if (!(k in kept)) delete out[field];
    else if (isObj(sub) && Object.keys(sub).length) out[field] = removeFields(out[field], sub, kept[k]);
  }
  return out;
}

type ManagedField = { manager: string; operation: string; apiVersion: string; time: string; fieldsType: 'FieldsV1'; fieldsV1: Obj };

/** Server-side apply of `applied` by `manager` onto `live` (undefined when creating). */
export function serverSideApply(live: Obj | undefined, applied: Obj, manager: string, now = new Date()): Obj {
  const managed: ManagedField[] = (live?.metadata?.managedFields ?? []) as ManagedField[];
  const previous = managed.find((m) => m.manager === manager && m.operation === 'Apply');
  const fields = fieldSet({ ...applied, metadata: { ...applied.metadata, managedFields: undefined } });
  delete (fields['f:metadata'] as Obj | undefined)?.['f:managedFields'];
  let merged = strategicMerge(live ?? {}, applied, false) as Obj;
  if (previous) merged = removeFields(merged, previous.fieldsV1, fields) as Obj;
  const entry: ManagedField = { manager, operation: 'Apply', apiVersion: String(applied.apiVersion), time: now.toISOString().replace(/\.\d+Z$/, 'Z'), fieldsType: 'FieldsV1', fieldsV1: fields };
  return { ...merged, metadata: { ...merged.metadata, managedFields: [...managed.filter((m) => m !== previous), entry] } };
}

/** Records an Update operation by `manager` (create, replace, merge patch) in managedFields. */
export function recordUpdate(object: Obj, changed: Obj, manager: string, now = new Date()): Obj {
  const managed = ((object.metadata?.managedFields ?? []) as ManagedField[]).filter((m) => !(m.manager === manager && m.operation === 'Update'));
  const fields = fieldSet({ ...changed, metadata: undefined, status: undefined });
  const entry: ManagedField = { manager, operation: 'Update', apiVersion: String(object.apiVersion), time: now.toISOString().replace(/\.\d+Z$/, 'Z'), fieldsType: 'FieldsV1', fieldsV1: fields };
  return { ...object, metadata: { ...object.metadata, managedFields: [...managed, entry] } };
}
