// Secret values never leave the client: the live baseline carries a keyed digest of each value
// instead (HMAC-SHA-256 over the value's bytes, with a random key made for that one baseline and
// sent with it). The server digests a manifest's values with the same key to compare them, so
// the two ends must compute digests identically: this file is that one definition.
import { createHmac, randomBytes } from 'node:crypto';

/** Marks a digest in place of a value, so it is never mistaken for one. */
export const SECRET_DIGEST_PREFIX = 'hmac-sha256:';

/** A new key for one baseline's digests. */
export function newSecretDigestKey(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The digest of a Secret value given as written: `base64` for `data` (what the API server returns),
 * `utf8` for `stringData`. Equal bytes give equal digests whichever way they were written.
 */
export function secretValueDigest(key: string, value: string, encoding: 'base64' | 'utf8'): string {
  return SECRET_DIGEST_PREFIX + createHmac('sha256', key).update(Buffer.from(value, encoding)).digest('hex');
}
