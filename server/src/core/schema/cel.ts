import { evaluate } from '@marcbachmann/cel-js';
import { formatPath, type FieldPath } from '../model/path';
import { child, resolve, type SchemaNode } from './navigate';
import { render } from './validate';

interface CelRule {
  rule?: unknown;
  message?: unknown;
}

/**
 * CustomResourceDefinition `x-kubernetes-validations` rules, evaluated with a CEL interpreter the
 * way the API server does on create: `self` is the value at the rule's node. Transition rules
 * (`oldSelf`) need the stored object and are skipped; a rule the interpreter cannot evaluate is
 * skipped too, never reported: a false error is worse than a missed one.
 */
export function celViolations(root: SchemaNode, value: unknown): { path: FieldPath; at: 'value' | 'key'; message: string }[] {
  const out: { path: FieldPath; at: 'value' | 'key'; message: string }[] = [];
  walk(root, root, value, [], out, 0);
  return out;
}

function walk(root: SchemaNode, node: SchemaNode, value: unknown, path: (string | number)[], out: { path: FieldPath; at: 'value' | 'key'; message: string }[], depth: number): void {
  if (depth > 64 || value === undefined) return;
  const schema = resolve(root, node).schema;
  const rules = schema['x-kubernetes-validations'];
  if (Array.isArray(rules)) {
    for (const r of rules as CelRule[]) {
      if (typeof r.rule !== 'string' || r.rule.includes('oldSelf')) continue;
      if (passes(r.rule, toCel(root, schema, value, 0)) === false) {
        const message = typeof r.message === 'string' ? r.message : `failed rule: ${r.rule}`;
        const shown = value !== null && typeof value === 'object' ? '' : `${render(value)}: `;
        out.push({ path, at: path.length && typeof value !== 'object' ? 'value' : 'key', message: `${formatPath(path)}: Invalid value: ${shown}${message}` });
      }
    }
  }
  if (Array.isArray(value)) {
    const item = child(root, schema, 0);
    if (item) value.forEach((v, i) => walk(root, item.schema, v, [...path, i], out, depth + 1));
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const next = child(root, schema, k);
      if (next) walk(root, next.schema, v, [...path, k], out, depth + 1);
    }
  }
}

function passes(rule: string, self: unknown): boolean | undefined {
  try {
    const result = evaluate(rule, { self });
    return typeof result === 'boolean' ? result : undefined;
  } catch {
    return undefined;
  }
}

/** CEL distinguishes int from double: integers of `type: integer` fields become BigInt. */
function toCel(root: SchemaNode, node: SchemaNode, value: unknown, depth: number): unknown {
  const schema = resolve(root, node).schema;
  if (typeof value === 'number') return schema.type === 'integer' && Number.isInteger(value) ? BigInt(value) : value;
  if (depth > 64 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const item = child(root, schema, 0);
    return value.map((v) => (item ? toCel(root, item.schema, v, depth + 1) : v));
  }
  const out: Record<string, unknown> = {};
  const properties = schema.properties;
  const isStruct = !!properties && typeof properties === 'object';
  for (const [k, v] of Object.entries(value)) {
    const next = child(root, schema, k);
    out[isStruct ? celFieldName(k) : k] = next ? toCel(root, next.schema, v, depth + 1) : v;
  }
  // The API server applies the schema's defaults before it evaluates rules: a Gateway API
  // backendRef without `kind` is a Service reference (`kind` defaults to "Service").
  if (isStruct) {
    for (const [k, property] of Object.entries(properties as Record<string, SchemaNode>)) {
      const name = celFieldName(k);
      if (Object.hasOwn(out, name) || !property || typeof property !== 'object') continue;
      const resolved = resolve(root, property).schema;
      const dflt = property.default ?? resolved.default;
      if (dflt !== undefined) out[name] = toCel(root, resolved, dflt, depth + 1);
    }
  }
  return out;
}

const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

/**
 * A field name as Kubernetes CEL spells it: reserved words as `__namespace__`, and `__`, `.`, `-`,
 * `/` escaped, so `self.__namespace__` reads a `namespace` field (map keys are not escaped).
 */
function celFieldName(name: string): string {
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  if (!/[_.\-/]/.test(name)) return name;
  return name.replace(/__/g, '__underscores__').replace(/\./g, '__dot__').replace(/-/g, '__dash__').replace(/\//g, '__slash__');
}
