import type { FieldPath } from '../model/path';

/** A JSON Schema node as generated in schemas/ (plain JSON). */
export type SchemaNode = Record<string, unknown>;

export interface FieldSchema {
  /** The field's schema with `$ref`s resolved. */
  schema: SchemaNode;
  /** The field's own description (on the property), else its type's. */
  description?: string;
  required: boolean;
  /** Definition name of the field's type, e.g. `io.k8s.api.core.v1.Container`. */
  typeName?: string;
}

const asNode = (v: unknown): SchemaNode | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as SchemaNode) : undefined);

/** Follows `$ref` (local `#/definitions/...`) until a concrete schema; remembers the last name. */
export function resolve(root: SchemaNode, node: SchemaNode): { schema: SchemaNode; typeName?: string } {
  let current = node;
  let typeName: string | undefined;
  for (let i = 0; i < 32 && typeof current.$ref === 'string'; i++) {
    const ref = current.$ref as string;
    const name = ref.startsWith('#/definitions/') ? ref.slice('#/definitions/'.length) : undefined;
    const target = name ? asNode(asNode(root.definitions)?.[name]) : undefined;
    if (!target) break;
    typeName = name;
    current = target;
  }
  return { schema: current, typeName };
}

/** The schema of one child (`seg`) of a resolved object or array schema. */
export function child(root: SchemaNode, parent: SchemaNode, seg: string | number): FieldSchema | undefined {
  const { schema } = resolve(root, parent);
  let raw: SchemaNode | undefined;
  let required = false;
  if (typeof seg === 'number' || schema.type === 'array') {
    raw = asNode(schema.items);
  } else {
    raw = asNode(asNode(schema.properties)?.[seg]) ?? asNode(schema.additionalProperties);
    required = Array.isArray(schema.required) && schema.required.includes(seg);
  }
  if (!raw) return undefined;
  const { schema: resolved, typeName } = resolve(root, raw);
  const description = typeof raw.description === 'string' ? raw.description : typeof resolved.description === 'string' ? resolved.description : undefined;
  return { schema: resolved, description, required, typeName };
}

/** The schema at a field path below the root; undefined when the path leaves the schema. */
export function schemaAt(root: SchemaNode, path: FieldPath): FieldSchema | undefined {
  let current: FieldSchema = { schema: resolve(root, root).schema, required: true, description: typeof root.description === 'string' ? root.description : undefined };
  for (const seg of path) {
    const next = child(root, current.schema, seg);
    if (!next) return undefined;
    current = next;
  }
  return current;
}

/** Property names of an object schema, with whether each is required. */
export function properties(root: SchemaNode, node: SchemaNode): { name: string; field: FieldSchema }[] {
  const { schema } = resolve(root, node);
  const props = asNode(schema.properties) ?? {};
  return Object.keys(props).map((name) => ({ name, field: child(root, schema, name)! }));
}

export function shortTypeName(typeName: string | undefined): string | undefined {
  return typeName?.split('.').pop();
}

/** A type label in the style of the API reference: `integer (int32)`, `[]Container`, `map[string]string`. */
export function typeLabel(root: SchemaNode, field: FieldSchema): string {
  const s = field.schema;
  if (s['x-kubernetes-int-or-string']) return 'int-or-string';
  if (s['x-kubernetes-quantity']) return 'quantity';
  if (s.type === 'array') {
    const item = child(root, s, 0);
    return `[]${item ? (shortTypeName(item.typeName) ?? typeLabel(root, item)) : 'object'}`;
  }
  if (s.type === 'object' && s.additionalProperties && !s.properties) {
    const value = child(root, s, '*');
    return `map[string]${value ? (shortTypeName(value.typeName) ?? typeLabel(root, value)) : 'object'}`;
  }
  if (s.type === 'object' || s.properties) return shortTypeName(field.typeName) ?? 'object';
  const base = typeof s.type === 'string' ? s.type : 'any';
  return typeof s.format === 'string' ? `${base} (${s.format})` : base;
}

/** Kind of value a field takes, for completion skeletons. */
export function valueShape(field: FieldSchema): 'object' | 'array' | 'scalar' {
  const s = field.schema;
  if (s.type === 'array') return 'array';
  if (s.type === 'object' || s.properties || (s.additionalProperties && typeof s.additionalProperties === 'object')) return 'object';
  return 'scalar';
}

export function enumValues(field: FieldSchema): string[] {
  const s = field.schema;
  if (Array.isArray(s.enum)) return s.enum.map(String);
  if (s.type === 'boolean') return ['true', 'false'];
  return [];
}
