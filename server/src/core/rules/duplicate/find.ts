import type { FieldPath } from '../../model/path';
import { formatPath } from '../../model/path';
import type { Report } from '../rule';

/** The message every duplicate/… rule gives, in the API server's words. */
export const DUPLICATE_MESSAGES = { duplicate: '{path}: Duplicate value: {value}' } as const;

/** A port number with its protocol: TCP 53 and UDP 53 are different ports. */
export function portKey(port: Record<string, unknown> | undefined, field: string): string | undefined {
  const n = port?.[field];
  if (typeof n !== 'number') return undefined;
  return `${n}/${typeof port?.protocol === 'string' ? port.protocol : 'TCP'}`;
}

/** Every occurrence after the first of a repeated value (a port key shows without its default /TCP). */
export function duplicates(items: readonly (readonly [unknown, FieldPath])[]): Report<'duplicate'>[] {
  const seen = new Set<string>();
  const out: Report<'duplicate'>[] = [];
  for (const [value, path] of items) {
    if (typeof value !== 'string' || value === '') continue;
    if (seen.has(value)) {
      const shown = value.endsWith('/TCP') ? value.slice(0, -4) : value;
      out.push({ path, at: 'value', messageId: 'duplicate', data: { path: formatPath(path), value: JSON.stringify(shown) } });
    }
    seen.add(value);
  }
  return out;
}
