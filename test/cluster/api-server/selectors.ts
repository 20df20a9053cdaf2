// Label and field selectors as the API server parses them (`app=web,tier in (a,b),!legacy`).
import type { Obj } from './store';

function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

export function matchesLabels(selector: string | null, labels: Record<string, string> = {}): boolean {
  if (!selector) return true;
  return splitTop(selector).every((req) => {
    let m = /^(\S+?)\s+(in|notin)\s+\((.*)\)$/.exec(req);
    if (m) {
      const values = m[3].split(',').map((v) => v.trim());
      return m[2] === 'in' ? values.includes(labels[m[1]]) : !values.includes(labels[m[1]]);
    }
    m = /^(\S+?)\s*(==|=|!=)\s*(\S*)$/.exec(req);
    if (m) return m[2] === '!=' ? labels[m[1]] !== m[3] : labels[m[1]] === m[3];
    if (req.startsWith('!')) return !(req.slice(1) in labels);
    return req in labels;
  });
}

const at = (o: Obj, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Obj)[k] : undefined), o);

export function matchesFields(selector: string | null, object: Obj): boolean {
  if (!selector) return true;
  return splitTop(selector).every((req) => {
    const m = /^(\S+?)\s*(==|=|!=)\s*(.*)$/.exec(req);
    if (!m) return false;
    const value = String(at(object, m[1]) ?? '');
    return m[2] === '!=' ? value !== m[3] : value === m[3];
  });
}
