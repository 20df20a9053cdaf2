import { sha256Hex } from '../../../shared/sha256';
import { isObj, type Obj } from './fields';

/**
 * kustomize's content hash of a generated ConfigMap or Secret (api/hasher): the SHA-256 of a JSON
 * encoding of its kind, data (and a Secret's type), as Go's encoding/json writes it (map keys sorted, `<`, `>`,
 * `&`, U+2028 and U+2029 escaped), then the first 10 hex digits with 0 1 3 a e replaced by g h k m t
 * (so the suffix never looks like a number or a word).
 */
export function contentHash(value: Obj): string {
  return encode(sha256Hex(goJson(hashInput(value))));
}

function hashInput(value: Obj): Obj {
  const field = (key: string): unknown => (value[key] === undefined || value[key] === null ? '' : isObj(value[key]) ? value[key] : String(value[key]));
  // kustomize looks the name up as one key "metadata/name", which no object has: the name is always "".
  const name = '';
  if (value.kind === 'ConfigMap') {
    const m: Obj = { kind: 'ConfigMap', name, data: field('data') };
    if (isObj(value.binaryData)) m.binaryData = value.binaryData;
    return m;
  }
  const m: Obj = { kind: 'Secret', type: field('type'), name, data: field('data') };
  if (isObj(value.stringData)) m.stringData = value.stringData;
  return m;
}

const REPLACED: Readonly<Record<string, string>> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };

function encode(hex: string): string {
  return [...hex.slice(0, 10)].map((c) => REPLACED[c] ?? c).join('');
}

/** JSON as Go's encoding/json marshals maps, strings, numbers and booleans. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (isObj(value)) {
    const keys = Object.keys(value).sort(compareBytes);
    return `{${keys.map((k) => `${goString(k)}:${goJson(value[k])}`).join(',')}}`;
  }
  if (typeof value === 'string') return goString(value);
  return JSON.stringify(value);
}

/** Go sorts map keys by their UTF-8 bytes; for strings without surrogates that is code point order. */
function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function goString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
