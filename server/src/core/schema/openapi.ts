/**
 * OpenAPI v3 (Kubernetes flavour) → JSON Schema draft-07 for ajv 8 (`strict: false`,
 * `validateFormats: false`). Shared by scripts/generate-schemas.ts (built-in kinds) and by
 * CustomResourceDefinition `openAPIV3Schema` at run time, so it takes plain data and returns
 * plain data: no I/O, no state.
 */

export type JsonSchema = { [key: string]: unknown };

/** The API server's quantity syntax (k8s.io/apimachinery `resource.ParseQuantity`, loosely). */
export const QUANTITY_PATTERN = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

const QUANTITY_DEF = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING_DEF = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const COMPONENTS = '#/components/schemas/';
const DEFINITIONS = '#/definitions/';

export interface ConvertOptions {
  /** Maps a source `$ref` to the output's; the default turns components/schemas into definitions. */
  rewriteRef?: (ref: string) => string;
  /**
   * The schema is a kind's root: keep `x-kubernetes-group-version-kind` (meaningless deeper) and
   * accept apiVersion, kind and metadata even where a CRD schema leaves them out.
   */
  root?: boolean;
}

interface Context {
  rewriteRef: (ref: string) => string;
  root: boolean;
  /** Under allOf/anyOf/oneOf/not, `properties` only constrain values; they never close an object. */
  inJunctor: boolean;
}

export function componentsToDefinitions(ref: string): string {
  return ref.startsWith(COMPONENTS) ? DEFINITIONS + ref.slice(COMPONENTS.length) : ref;
}

/** The definition name a rewritten `$ref` points to, e.g. `#/definitions/X` → `X`. */
export function definitionName(ref: string): string | undefined {
  return ref.startsWith(DEFINITIONS) ? decodeURIComponent(ref.slice(DEFINITIONS.length)) : undefined;
}

export function toJsonSchema(schema: unknown, options: ConvertOptions = {}): JsonSchema {
  return convert(schema, { rewriteRef: options.rewriteRef ?? componentsToDefinitions, root: options.root ?? false, inJunctor: false });
}

/** Every `$ref` reachable through schema keywords (never through `default`, `enum` or extensions). */
export function collectRefs(schema: unknown, into: Set<string> = new Set()): Set<string> {
  if (!isObject(schema)) return into;
  if (typeof schema.$ref === 'string') into.add(schema.$ref);
  for (const key of ['items', 'additionalProperties', 'not']) {
    const child = schema[key];
    if (Array.isArray(child)) child.forEach((c) => collectRefs(c, into));
    else collectRefs(child, into);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[key];
    if (Array.isArray(list)) list.forEach((c) => collectRefs(c, into));
  }
  for (const key of ['properties', 'definitions']) {
    const map = schema[key];
    if (isObject(map)) Object.values(map).forEach((c) => collectRefs(c, into));
  }
  return into;
}

/**
 * Values listed by Kubernetes' generator as "Possible enum values:\n - `"A"` means …", or undefined
 * when the description has no such list. Items are JSON strings inside backticks.
 */
export function parseEnumValues(description: unknown): string[] | undefined {
  if (typeof description !== 'string') return undefined;
  const at = description.indexOf('Possible enum values:');
  if (at < 0) return undefined;
  const values: string[] = [];
  for (const line of description.slice(at).split('\n').slice(1)) {
    const m = /^\s*-\s+`("(?:[^"\\]|\\.)*")`/.exec(line);
    if (!m) break;
    values.push(JSON.parse(m[1]) as string);
  }
  return values.length > 0 ? values : undefined;
}

function convert(node: unknown, ctx: Context): JsonSchema {
  if (!isObject(node)) return {};
  const ref = refOf(node);
  if (ref !== undefined) return convertRef(node, ref, ctx);
  if (node.format === 'int-or-string' || node['x-kubernetes-int-or-string'] === true) return intOrString(node, ctx);
  if (node.format === 'quantity') return withNull(quantity(node), node);
  return convertPlain(node, ctx);
}

/** OpenAPI v3 wraps a `$ref` as `allOf: [{$ref}]` so that description and default may sit beside it. */
function refOf(node: JsonSchema): string | undefined {
  if (typeof node.$ref === 'string') return node.$ref;
  const all = node.allOf;
  if (Array.isArray(all) && all.length === 1 && isObject(all[0]) && typeof all[0].$ref === 'string' && Object.keys(all[0]).length === 1) {
    return all[0].$ref;
  }
  return undefined;
}

function convertRef(node: JsonSchema, ref: string, ctx: Context): JsonSchema {
  // Inlined so that the anyOf error's parent schema carries the marker the message builder reads.
  if (ref.endsWith(`/${QUANTITY_DEF}`)) return withNull(quantity(node), node);
  if (ref.endsWith(`/${INT_OR_STRING_DEF}`)) return intOrString({ ...node, allOf: undefined, $ref: undefined }, ctx);
  const out: JsonSchema = { $ref: ctx.rewriteRef(ref) };
  copy(node, out, ['description', 'default']);
  return withNull(out, node);
}

function intOrString(node: JsonSchema, ctx: Context): JsonSchema {
  const out: JsonSchema = {};
  copy(node, out, ['description', 'default']);
  const branches: JsonSchema[] = [{ type: 'integer' }, { type: 'string' }];
  if (node.nullable === true) branches.push({ type: 'null' });
  out.anyOf = branches;
  out['x-kubernetes-int-or-string'] = true;
  // CRDs put string constraints (a quantity pattern, a maximum length) beside the union.
  copy(node, out, [...STRING_KEYWORDS, ...NUMBER_KEYWORDS, 'enum']);
  copyExtensions(node, out, ctx);
  // The `allOf: [{anyOf: [int, string]}, …]` form of CRDs keeps its other members.
  if (Array.isArray(node.allOf)) out.allOf = node.allOf.map((c) => convert(c, { ...ctx, root: false, inJunctor: true }));
  return out;
}

function quantity(node: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  copy(node, out, ['description', 'default']);
  out.anyOf = [{ type: 'number' }, { type: 'string', pattern: QUANTITY_PATTERN }];
  out['x-kubernetes-quantity'] = true;
  return out;
}

const ANNOTATIONS = ['description', 'default', 'format'];
const STRING_KEYWORDS = ['minLength', 'maxLength', 'pattern'];
const NUMBER_KEYWORDS = ['minimum', 'maximum', 'multipleOf'];
const COLLECTION_KEYWORDS = ['minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties', 'required'];
const KEPT_EXTENSIONS = [
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-patch-merge-key',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-embedded-resource',
];

function convertPlain(node: JsonSchema, ctx: Context): JsonSchema {
  const out: JsonSchema = {};
  copy(node, out, ANNOTATIONS);
  if (node.type !== undefined) out.type = node.type;
  const values = Array.isArray(node.enum) ? node.enum : node.type === 'string' ? parseEnumValues(node.description) : undefined;
  if (values) out.enum = values;
  copy(node, out, [...STRING_KEYWORDS, ...NUMBER_KEYWORDS, ...COLLECTION_KEYWORDS]);
  convertExclusiveBounds(node, out);
  const child = { ...ctx, root: false };
  convertProperties(node, out, child, ctx.root);
  convertItems(node, out, child);
  convertJunctors(node, out, child);
  copyExtensions(node, out, ctx);
  if (out.properties !== undefined && out.additionalProperties === undefined && !ctx.inJunctor && node['x-kubernetes-preserve-unknown-fields'] !== true) {
    // `kubectl apply --validate=strict`: a field the schema does not name is an error.
    out.additionalProperties = false;
  }
  return withNull(out, node);
}

function convertProperties(node: JsonSchema, out: JsonSchema, ctx: Context, isRoot: boolean): void {
  if (isObject(node.properties)) {
    const props: JsonSchema = {};
    for (const [name, value] of Object.entries(node.properties)) props[name] = convert(value, ctx);
    // CRD schemas may leave out the fields every object has; the API server adds them implicitly.
    if (isRoot || node['x-kubernetes-embedded-resource'] === true) addObjectFields(props);
    out.properties = props;
  }
  const extra = node.additionalProperties;
  if (typeof extra === 'boolean') out.additionalProperties = extra;
  else if (isObject(extra)) out.additionalProperties = convert(extra, ctx);
}

/** A kind's root and an embedded object (a CRD's template) always accept TypeMeta and ObjectMeta. */
function addObjectFields(props: JsonSchema): void {
  props.apiVersion ??= { type: 'string' };
  props.kind ??= { type: 'string' };
  props.metadata ??= { type: 'object' };
}

function convertItems(node: JsonSchema, out: JsonSchema, ctx: Context): void {
  if (Array.isArray(node.items)) out.items = node.items.map((i) => convert(i, ctx));
  else if (isObject(node.items)) out.items = convert(node.items, ctx);
  // A list of enum-typed strings carries its "Possible enum values" on the list's description.
  const items = out.items;
  if (isObject(items) && items.type === 'string' && items.enum === undefined) {
    const values = parseEnumValues(node.description);
    if (values) out.items = { ...items, enum: values };
  }
}

function convertJunctors(node: JsonSchema, out: JsonSchema, ctx: Context): void {
  const inner = { ...ctx, inJunctor: true };
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[key];
    if (!Array.isArray(list)) continue;
    // Formats are not validated, so branches told apart by a format (a Gateway address: IPAddress
    // with an ipv4 or ipv6 value, or another type) would all match and "exactly one" would fail
    // where the API server passes: such a oneOf is checked as anyOf.
    const target = key === 'oneOf' && list.some(hasFormat) ? 'anyOf' : key;
    const converted = list.map((c) => convert(c, inner));
    if (target !== key && out.anyOf) out.allOf = [...((out.allOf as unknown[]) ?? []), { anyOf: converted }];
    else out[target] = converted;
  }
  if (isObject(node.not)) out.not = convert(node.not, inner);
}

/** OpenAPI 3.0 spells an exclusive bound as a boolean beside minimum/maximum; draft-07 as a number. */
function convertExclusiveBounds(node: JsonSchema, out: JsonSchema): void {
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    const value = node[flag];
    if (value === true && typeof node[bound] === 'number') {
      out[flag] = node[bound];
      delete out[bound];
    } else if (typeof value === 'number') out[flag] = value;
  }
}

function copyExtensions(node: JsonSchema, out: JsonSchema, ctx: Context): void {
  copy(node, out, KEPT_EXTENSIONS);
  if (ctx.root) copy(node, out, ['x-kubernetes-group-version-kind']);
}

/** `nullable: true`: null is accepted as well (type union, or a null branch beside a reference). */
function withNull(out: JsonSchema, node: JsonSchema): JsonSchema {
  if (node.nullable !== true) return out;
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
    return out;
  }
  if (Array.isArray(out.anyOf) && (out['x-kubernetes-quantity'] || out['x-kubernetes-int-or-string'])) {
    if (!out.anyOf.some((b) => isObject(b) && b.type === 'null')) out.anyOf = [...out.anyOf, { type: 'null' }];
    return out;
  }
  if (out.type === undefined && out.$ref === undefined) return out; // untyped: null passes already
  const { description, default: dflt, ...rest } = out;
  const wrapped: JsonSchema = {};
  if (description !== undefined) wrapped.description = description;
  if (dflt !== undefined) wrapped.default = dflt;
  wrapped.anyOf = [rest, { type: 'null' }];
  return wrapped;
}

function hasFormat(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasFormat);
  if (!isObject(node)) return false;
  return typeof node.format === 'string' || Object.entries(node).some(([k, v]) => k !== 'default' && k !== 'enum' && k !== 'example' && hasFormat(v));
}

function copy(from: JsonSchema, to: JsonSchema, keys: readonly string[]): void {
  for (const key of keys) if (from[key] !== undefined) to[key] = from[key];
}

function isObject(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
