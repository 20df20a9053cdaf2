// `node:crypto` in the browser build: the synchronous SHA-256 and HMAC-SHA-256 the engine uses
// (kustomize's name-suffix hash, the Secret value digest), from @noble/hashes. Web Crypto is async.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

const utf8 = (data: string | Uint8Array) => (typeof data === 'string' ? new TextEncoder().encode(data) : data);

function hasher(algorithm: string, update: (chunk: Uint8Array) => void, digest: () => Uint8Array) {
  if (algorithm !== 'sha256') throw new Error(`only sha256 in the browser, not ${algorithm}`);
  const self = {
    update(data: string | Uint8Array) {
      update(utf8(data));
      return self;
    },
    digest(encoding?: 'hex' | 'base64') {
      const bytes = digest();
      if (encoding === 'hex') return bytesToHex(bytes);
      if (encoding === 'base64') return btoa(String.fromCharCode(...bytes));
      return bytes;
    },
  };
  return self;
}

export function createHash(algorithm: string) {
  const h = sha256.create();
  return hasher(algorithm, (c) => h.update(c), () => h.digest());
}

export function createHmac(algorithm: string, key: string | Uint8Array) {
  const h = hmac.create(sha256, utf8(key));
  return hasher(algorithm, (c) => h.update(c), () => h.digest());
}

export function randomBytes(size: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(size));
}
export default { createHash, createHmac, randomBytes };
