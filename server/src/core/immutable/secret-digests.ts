// Secrets travel in the live baseline with digests of their values, never the values: the client
// replaces each `data` value by a keyed digest of its bytes, with a key made for that baseline and
// sent along. To compare a manifest with it, the manifest's values are digested the same way,
// `data` decoded from base64 and `stringData` taken as UTF-8, which is how the API server stores
// both. The digest function comes from the host (server/src/shared/secret-digest.ts).

import { asObject } from '../workspace/pod-template';

type Obj = Record<string, unknown>;

/** A keyed digest of a Secret value given as written (`base64` for `data`, `utf8` for `stringData`). */
export type SecretValueDigest = (key: string, value: string, encoding: 'base64' | 'utf8') => string;

/** The Secret manifest with its `data` and `stringData` values replaced by their digests. */
export function digestedSecret(manifest: Obj, key: string, digest: SecretValueDigest): Obj {
  const out: Obj = { ...manifest };
  for (const [field, encoding] of [['data', 'base64'], ['stringData', 'utf8']] as const) {
    const values = asObject(manifest[field]);
    if (values) out[field] = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? digest(key, v, encoding) : v]));
  }
  return out;
}
