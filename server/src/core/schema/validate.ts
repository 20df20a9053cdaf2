import type { ErrorObject, ValidateFunction } from 'ajv';
import { formatPath, type FieldPath } from '../model/path';
import { withoutDirectives } from '../kustomize/patch-directives';
import { GO_PATTERN } from './go-regexp';

/** A schema violation in the API server's words, located by field path. */
export interface SchemaViolation {
  path: FieldPath;
  at: 'key' | 'value';
  message: string;
  /** The JSON Schema keyword that failed (`additionalProperties`, `required`, `type`, `enum`…): which schema/… rule reports it. */
  keyword: string;
  /** For unknown fields: the field name that was probably meant. */
  suggestion?: string;
}

/**
 * The API server treats `field: null` as an absent field, so optional nulls are accepted and
 * required nulls become "Required value". Items of lists keep their nulls (a null container is an error).
 */
export function stripNullFields(value: unknown): unknown {
  return hasNull(value) ? withoutNulls(value) : value;
}

/** Nulls are rare: checking first spares copying every object that has none. */
function hasNull(value: unknown): boolean {
  if (value === null) return true;
  if (!value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasNull);
  for (const k in value) if (hasNull((value as Record<string, unknown>)[k])) return true;
  return false;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNulls(v);
  return out;
}

/**
 * `partial`: the value is a patch (Kustomize strategic merge): its directives (`$patch`…) are not
 * fields and the fields it lacks come from the base, so only types, enums and unknown fields count.
 */
export function validateAgainstSchema(validate: ValidateFunction, value: unknown, partial = false): SchemaViolation[] {
  if (validate(stripNullFields(partial ? withoutDirectives(value) : value))) return [];
  const errors = validate.errors ?? [];
  return toViolations(partial ? errors.filter((e) => e.keyword !== 'required') : errors);
}

export function toViolations(errors: ErrorObject[]): SchemaViolation[] {
  const anyOfPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const out: SchemaViolation[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // Branch errors of an anyOf (int-or-string, quantity) are summarised by the anyOf error itself.
    if (anyOfPaths.has(e.instancePath) && e.keyword !== 'anyOf' && /\/anyOf\/\d+\//.test(e.schemaPath)) continue;
    const found = toViolation(e);
    if (!found) continue;
    const v = { ...found, keyword: e.keyword };
    const key = `${formatPath(v.path)}|${v.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function toViolation(e: ErrorObject): Omit<SchemaViolation, 'keyword'> | undefined {
  const path = pointerToPath(e.instancePath);
  const where = formatPath(path);
  switch (e.keyword) {
    case 'additionalProperties': {
      const field = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(((e.parentSchema ?? {}) as { properties?: object }).properties ?? {});
      return { path: [...path, field], at: 'key', message: `unknown field "${formatPath([...path, field])}"`, suggestion: closest(field, known) };
    }
    case 'required': {
      const field = String((e.params as { missingProperty: string }).missingProperty);
      return { path: [...path, field], at: 'key', message: `${formatPath([...path, field])}: Required value` };
    }
    case 'type':
      return { path, at: 'value', message: typeMessage(where, e.data, String((e.params as { type: string }).type)) };
    case 'anyOf':
      return { path, at: 'value', message: anyOfMessage(where, e) };
    case 'enum': {
      // The API server defaults empty enum fields (`imagePullPolicy: ""`) before validating them.
      if (e.data === '') return undefined;
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((a) => JSON.stringify(a)).join(', ');
      return { path, at: 'value', message: `${where}: Unsupported value: ${render(e.data)}: supported values: ${allowed}` };
    }
    case 'const':
      return { path, at: 'value', message: `${where}: Unsupported value: ${render(e.data)}: supported values: ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}` };
    case 'pattern': {
      // A CRD's Go pattern is validated in its JavaScript translation and quoted as written.
      const written = ((e.parentSchema ?? {}) as Record<string, unknown>)[GO_PATTERN];
      const pattern = typeof written === 'string' ? written : (e.params as { pattern: string }).pattern;
      return { path, at: 'value', message: `${where}: Invalid value: ${render(e.data)}: must match the regular expression '${pattern}'` };
    }
    case 'maximum':
    case 'minimum':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
      return { path, at: 'value', message: `${where}: Invalid value: ${render(e.data)}: ${where} in body ${e.message}` };
    case 'maxLength':
      return { path, at: 'value', message: `${where}: Too long: may not be more than ${(e.params as { limit: number }).limit} bytes` };
    case 'maxItems':
      return { path, at: 'key', message: `${where}: Too many: ${Array.isArray(e.data) ? e.data.length : '?'}: must have at most ${(e.params as { limit: number }).limit} items` };
    case 'minLength':
    case 'minItems':
      return { path, at: 'value', message: `${where}: Invalid value: ${render(e.data)}: ${where} in body ${e.message}` };
    default:
      return { path, at: 'value', message: `${where}: Invalid value: ${render(e.data)}: ${e.message ?? 'invalid'}` };
  }
}

function typeName(data: unknown): string {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'array';
  if (typeof data === 'number') return Number.isInteger(data) ? 'integer' : 'number';
  return typeof data;
}

/** kube-openapi's wording, as kubectl-validate prints it. */
function typeMessage(where: string, data: unknown, expected: string): string {
  const actual = typeName(data);
  return `${where}: Invalid value: "${actual}": ${where} in body must be of type ${expected.replace(',', ' or ')}: "${actual}"`;
}

const QUANTITY_RE = '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$';

function anyOfMessage(where: string, e: ErrorObject): string {
  const schema = (e.parentSchema ?? {}) as Record<string, unknown>;
  if (schema['x-kubernetes-quantity'] && typeof e.data === 'string') {
    return `${where}: Invalid value: ${render(e.data)}: quantities must match the regular expression '${QUANTITY_RE}'`;
  }
  if (schema['x-kubernetes-quantity']) return typeMessage(where, e.data, 'string or number');
  if (schema['x-kubernetes-int-or-string']) return typeMessage(where, e.data, 'integer or string');
  return `${where}: Invalid value: ${render(e.data)}: must match one of the allowed types`;
}

/** Values as the API server renders them: strings quoted, scalars bare, the rest as JSON. */
export function render(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'object') {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  }
  return String(value);
}

/** The known field nearest to a typo (Damerau-free Levenshtein), when close enough to suggest. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // The distance is at least the difference in length: such a candidate cannot qualify, and
    // skipping it keeps a 1 MB `kind:` from costing seconds (found by fuzzing).
    if (Math.abs(c.length - word.length) > limit) continue;
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** Optimal-string-alignment distance: a swapped pair of letters (`mdoe`) counts as one edit. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
