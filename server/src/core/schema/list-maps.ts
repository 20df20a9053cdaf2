import { formatPath, type FieldPath } from '../model/path';
import { child, resolve, type SchemaNode } from './navigate';

/**
 * Lists declared `x-kubernetes-list-type: map` are keyed by `x-kubernetes-list-map-keys`; the API
 * server rejects two items with the same key (missing key fields take their schema default, so
 * `{containerPort: 80}` and `{containerPort: 80, protocol: TCP}` collide).
 */
export function listMapDuplicates(root: SchemaNode, value: unknown): { path: FieldPath; at: 'key'; message: string }[] {
  const out: { path: FieldPath; at: 'key'; message: string }[] = [];
  walk(root, root, value, [], out, 0);
  return out;
}

function walk(root: SchemaNode, node: SchemaNode, value: unknown, path: (string | number)[], out: { path: FieldPath; at: 'key'; message: string }[], depth: number): void {
  if (depth > 64 || value === null || typeof value !== 'object') return;
  const schema = resolve(root, node).schema;
  if (Array.isArray(value)) {
    const keys = schema['x-kubernetes-list-map-keys'];
    if (schema['x-kubernetes-list-type'] === 'map' && Array.isArray(keys)) duplicates(root, schema, value, keys as string[], path, out);
    const item = child(root, schema, 0);
    if (item) value.forEach((v, i) => walk(root, item.schema, v, [...path, i], out, depth + 1));
    return;
  }
  for (const [k, v] of Object.entries(value)) {
    const next = child(root, schema, k);
    if (next) walk(root, next.schema, v, [...path, k], out, depth + 1);
  }
}

function duplicates(root: SchemaNode, schema: SchemaNode, items: unknown[], keys: string[], path: (string | number)[], out: { path: FieldPath; at: 'key'; message: string }[]): void {
  const item = child(root, schema, 0)?.schema ?? {};
  const seen = new Set<string>();
  items.forEach((v, i) => {
    if (!v || typeof v !== 'object') return;
    const key: Record<string, unknown> = {};
    for (const k of keys) key[k] = (v as Record<string, unknown>)[k] ?? child(root, item, k)?.schema.default;
    const id = JSON.stringify(key);
    if (seen.has(id)) out.push({ path: [...path, i], at: 'key', message: `${formatPath([...path, i])}: Duplicate value: ${id}` });
    seen.add(id);
  });
}
