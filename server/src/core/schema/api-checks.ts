import { formatPath, type FieldPath } from '../model/path';

/**
 * API-server validations that OpenAPI does not encode (k8s-rules.md §3.1): every container of a
 * pod needs an image (`Required value`). Checked on Pods and every pod template.
 */
export function containerImageViolations(value: unknown, specPath: FieldPath | undefined): { path: FieldPath; at: 'key'; message: string }[] {
  if (!specPath) return [];
  let spec: unknown = value;
  for (const seg of specPath) spec = spec && typeof spec === 'object' ? (spec as Record<string | number, unknown>)[seg] : undefined;
  if (!spec || typeof spec !== 'object') return [];
  const out: { path: FieldPath; at: 'key'; message: string }[] = [];
  for (const field of ['initContainers', 'containers']) {
    const list = (spec as Record<string, unknown>)[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (!c || typeof c !== 'object') return;
      const image = (c as Record<string, unknown>).image;
      if (typeof image === 'string' && image.trim() !== '') return;
      const path = [...specPath, field, i];
      out.push({ path, at: 'key', message: `${formatPath([...path, 'image'])}: Required value` });
    });
  }
  return out;
}

const JSON_SCHEMA_TYPES = ['array', 'boolean', 'integer', 'number', 'object', 'string'];

/**
 * A CustomResourceDefinition's schemas must use the JSON Schema types the API server knows
 * (`type: strign` is refused with `Unsupported value`).
 */
export function crdSchemaTypeViolations(value: Record<string, unknown>): { path: FieldPath; at: 'value'; message: string }[] {
  const out: { path: FieldPath; at: 'value'; message: string }[] = [];
  const versions = (value.spec as { versions?: unknown } | undefined)?.versions;
  if (!Array.isArray(versions)) return out;
  versions.forEach((v, i) => {
    const schema = (v as { schema?: { openAPIV3Schema?: unknown } } | null)?.schema?.openAPIV3Schema;
    walkTypes(schema, ['spec', 'versions', i, 'schema', 'openAPIV3Schema'], out, 0);
  });
  return out;
}

function walkTypes(node: unknown, path: (string | number)[], out: { path: FieldPath; at: 'value'; message: string }[], depth: number): void {
  if (depth > 64 || !node || typeof node !== 'object' || Array.isArray(node)) return;
  const schema = node as Record<string, unknown>;
  if (typeof schema.type === 'string' && !JSON_SCHEMA_TYPES.includes(schema.type)) {
    out.push({ path: [...path, 'type'], at: 'value', message: `${formatPath([...path, 'type'])}: Unsupported value: ${JSON.stringify(schema.type)}: supported values: ${JSON_SCHEMA_TYPES.map((t) => JSON.stringify(t)).join(', ')}` });
  }
  for (const key of ['properties', 'patternProperties', 'definitions']) {
    const map = schema[key];
    if (map && typeof map === 'object') for (const [k, child] of Object.entries(map)) walkTypes(child, [...path, key, k], out, depth + 1);
  }
  for (const key of ['items', 'additionalProperties', 'not']) walkTypes(schema[key], [...path, key], out, depth + 1);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((child, i) => walkTypes(child, [...path, key, i], out, depth + 1));
  }
}
