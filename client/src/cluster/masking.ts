// Secret values stay hidden until the user reveals one key: the YAML view, describe and diffs show
// a mask instead of `data`/`stringData` values. Decoded values never leave this module except
// through `revealedValue`, which callers use for the one key the user asked for.
import { encodeManifest } from '../../../server/src/shared/manifest-yaml';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const MASK = '••••••••';
const SECRET_FIELDS = ['data', 'stringData'] as const;

/** Annotations that carry a full copy of the object (and so of its secret values). */
const COPY_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

export const isSecret = (o: Obj | undefined): boolean => o?.kind === 'Secret' && (o.apiVersion === 'v1' || o.apiVersion === undefined);

/** The object as the explorer shows it: no managedFields, secret values masked except `revealed` keys. */
export function viewObject(o: Obj, revealed: ReadonlySet<string> = new Set()): Obj {
  const metadata = { ...(o.metadata ?? {}) };
  delete metadata.managedFields;
  const view: Obj = { ...o, metadata };
  if (!isSecret(o)) return view;
  if (metadata.annotations) {
    metadata.annotations = Object.fromEntries(Object.entries(metadata.annotations as Obj).map(([k, v]) => [k, COPY_ANNOTATIONS.includes(k) ? MASK : v]));
  }
  for (const field of SECRET_FIELDS) {
    if (!o[field]) continue;
    view[field] = Object.fromEntries(Object.entries(o[field] as Obj).map(([key, value]) => [key, revealed.has(key) ? decode(field, value) : MASK]));
  }
  return view;
}

export function viewYaml(o: Obj, revealed?: ReadonlySet<string>): string {
  return encodeManifest(viewObject(o, revealed));
}

/** Keys of a Secret's data and stringData, with their decoded size, never their value. */
export function secretKeys(o: Obj): { key: string; bytes: number }[] {
  return SECRET_FIELDS.flatMap((field) => Object.entries((o[field] ?? {}) as Obj).map(([key, value]) => ({ key, bytes: Buffer.byteLength(decode(field, value)) })));
}

/** The decoded value of one key, for "reveal" or "copy value" on that key only. */
export function revealedValue(o: Obj, key: string): string | undefined {
  for (const field of SECRET_FIELDS) if (o[field] && key in o[field]) return decode(field, o[field][key]);
  return undefined;
}

function decode(field: 'data' | 'stringData', value: unknown): string {
  return field === 'data' ? Buffer.from(String(value ?? ''), 'base64').toString('utf8') : String(value ?? '');
}

/** Masks every secret value that appears in free text (an error message, a diff) — defence in depth. */
export function maskValuesIn(text: string, secret: Obj): string {
  let out = text;
  for (const field of SECRET_FIELDS) {
    for (const value of Object.values((secret[field] ?? {}) as Obj)) {
      for (const v of [String(value), decode(field, value)]) if (v.length >= 4) out = out.split(v).join(MASK);
    }
  }
  return out;
}
