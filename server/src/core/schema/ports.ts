import { formatPath, type FieldPath } from '../model/path';

/**
 * Port numbers: OpenAPI says only int32; the API server requires 1–65535
 * (k8s-rules.md §3.2, §8). hostPort and nodePort may be 0, meaning "not set / allocate".
 */
const PORT_KEYS: Record<string, { allowZero: boolean } | undefined> = {
  port: { allowZero: false },
  containerPort: { allowZero: false },
  targetPort: { allowZero: false },
  number: { allowZero: false },
  hostPort: { allowZero: true },
  nodePort: { allowZero: true },
};

export function portRangeViolations(value: unknown): { path: FieldPath; at: 'value'; message: string }[] {
  const out: { path: FieldPath; at: 'value'; message: string }[] = [];
  walk(value, [], out);
  return out;
}

/** One path array, pushed and popped: the walk visits every node of every object, so it must not allocate per node. */
function walk(value: unknown, path: (string | number)[], out: { path: FieldPath; at: 'value'; message: string }[]): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      walk(value[i], path, out);
      path.pop();
    }
    return;
  }
  if (!value || typeof value !== 'object') return;
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    const rule = PORT_KEYS[key];
    const isPortNumber = rule && typeof v === 'number' && Number.isInteger(v) && (key !== 'number' || path[path.length - 1] === 'port');
    if (isPortNumber && !(v === 0 && rule.allowZero) && (v < 1 || v > 65535)) {
      const p = [...path, key];
      out.push({ path: p, at: 'value', message: `${formatPath(p)}: Invalid value: ${v}: must be between 1 and 65535, inclusive` });
    } else if (v && typeof v === 'object') {
      path.push(key);
      walk(v, path, out);
      path.pop();
    }
  }
}
