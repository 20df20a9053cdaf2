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
  for (const [k, v] of Object.entries(value)) {
    const next = child(root, schema, k);
    out[k] = next ? toCel(root, next.schema, v, depth + 1) : v;
  }
  return out;
}
