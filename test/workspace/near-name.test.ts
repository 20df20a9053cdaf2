// nearName (workspace/lookup.ts) uses a bounded three-row distance for speed; it must pick what the
// generic optimal-string-alignment distance of schema/validate.ts would, within the same limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { editDistance } from '../../server/src/core/schema/validate';
import { nearName } from '../../server/src/core/workspace/lookup';

function reference(name: string, candidates: string[]): string | undefined {
  const limit = Math.min(2, Math.floor(name.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  if (limit === 0) return undefined;
  for (const c of candidates) {
    if (c === name || Math.abs(c.length - name.length) > limit) continue;
    const d = editDistance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

test('nearName agrees with the generic distance on typo-like variants (seeded)', () => {
  let seed = 20261207;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const letters = 'abcde-';
  for (let n = 0; n < 5000; n++) {
    const name = Array.from({ length: 3 + (n % 9) }, () => letters[Math.floor(random() * letters.length)]).join('');
    const candidates = Array.from({ length: 5 }, () => {
      const chars = name.split('');
      for (let k = Math.floor(random() * 4); k > 0; k--) {
        const at = Math.floor(random() * chars.length);
        const op = random();
        if (op < 0.3) chars[at] = letters[Math.floor(random() * letters.length)];
        else if (op < 0.6) chars.splice(at, 1);
        else if (op < 0.8 && at + 1 < chars.length) [chars[at], chars[at + 1]] = [chars[at + 1], chars[at]];
        else chars.splice(at, 0, 'x');
      }
      return chars.join('');
    });
    assert.equal(nearName(name, candidates), reference(name, candidates), `${name} among ${candidates.join(', ')}`);
  }
});

test('names sharing a prefix are not typos of each other; a swapped pair is', () => {
  assert.equal(nearName('prometheus-k8s', ['prometheus']), undefined);
  assert.equal(nearName('cart', ['carts']), 'carts');
  assert.equal(nearName('db-credentails', ['db-credentials']), 'db-credentials');
});
