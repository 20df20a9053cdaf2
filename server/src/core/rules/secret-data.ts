import type { Report, DocumentContext, Rule } from './rule';
import { rangeOfPath } from '../model/path';
import { configKey } from '../k8s/names';
import { render } from '../schema/validate';
import { asObject } from '../workspace/pod-template';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const secretData: Rule = {
  meta: {
    id: 'secret-data',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    fixable: true,
    description: 'Secret `data` values that are not valid base64, invalid keys; a hint to use `stringData` for plain text.',
    docs: [
      'Values under a Secret\'s `data` must be base64 (standard alphabet, with padding); the API',
      'server fails to decode anything else (`illegal base64 data at input byte N`). Plain text',
      'belongs in `stringData`, which the server encodes for you; the quick fix moves it there.',
      'Keys of `data` and `stringData` must be valid config keys.',
    ].join('\n'),
  },
  checkResource(ctx: DocumentContext): Report[] {
    const { resource } = ctx;
    if (resource.kind !== 'Secret' || resource.group !== '') return [];
    const reports: Report[] = [];
    const data = asObject(resource.value.data) ?? {};
    for (const [key, value] of Object.entries(data)) {
      reports.push(...keyReports('data', key));
      if (typeof value !== 'string') continue; // wrong types are the schema rule's finding
      const bad = firstBadByte(value);
      if (bad === undefined) continue;
      const range = rangeOfPath(resource.node, ['data', key], 'value');
      reports.push({
        path: ['data', key],
        at: 'value',
        message: `data[${key}]: illegal base64 data at input byte ${bad}; put plain text under stringData instead`,
        fixes: range ? [{ title: `Encode the value as base64`, edits: [{ start: range[0], end: range[1], newText: base64OfUtf8(value) }] }] : undefined,
      });
    }
    for (const key of Object.keys(asObject(resource.value.stringData) ?? {})) reports.push(...keyReports('stringData', key));
    return reports;
  },
};

function keyReports(field: string, key: string): Report[] {
  return configKey(key).map((m) => ({ path: [field, key], at: 'key' as const, message: `data[${key}]: Invalid value: ${render(key)}: ${m}` }));
}

/** Index of the first byte Go's base64.StdEncoding rejects; undefined when the value decodes. */
function firstBadByte(value: string): number | undefined {
  const v = value.replace(/[\r\n]/g, ''); // Go's decoder skips newlines
  if (BASE64.test(v)) return undefined;
  const bad = v.search(/[^A-Za-z0-9+/=]/);
  if (bad >= 0) return bad;
  const pad = v.indexOf('=');
  return pad >= 0 && pad < v.length - 2 ? pad : Math.floor(v.length / 4) * 4;
}

/** Base64 of the UTF-8 bytes of a text (what `data` of a Secret holds for it). */
export function base64OfUtf8(value: string): string {
  // btoa needs Latin-1; encode UTF-8 bytes first so any text round-trips.
  const bytes = new TextEncoder().encode(value);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}
