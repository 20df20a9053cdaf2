// The nesting guard (model/nesting.ts) skips its character loop when a cheap bound already shows
// a text cannot nest deeper than the limit. The bound must never be below the estimate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { estimateExceeds, nestingBound, nestsDeeperThan } from '../../server/src/core/model/nesting';
import { loadCorpus } from '../fuzz/corpus';
import { makeCase } from '../fuzz/mutations';

/** The estimated depth (the smallest limit the estimate does not exceed), searched up to `upTo + 1`. */
function estimatedDepth(text: string, upTo: number): number {
  let low = 0; // exceeded or 0
  let high = upTo + 1; // not exceeded, or the search's end
  while (low < high) {
    const mid = (low + high) >> 1;
    if (estimateExceeds(text, mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}

test('deep texts are still caught whatever their shape', () => {
  assert.equal(nestsDeeperThan(`${'- '.repeat(600)}x\n`), true); // one long line
  assert.equal(nestsDeeperThan(Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')), true); // a staircase
  assert.equal(nestsDeeperThan('['.repeat(600)), true);
  assert.equal(nestsDeeperThan(`a: ${'{b: '.repeat(300)}${'['.repeat(300)}`), true);
  assert.equal(nestsDeeperThan(readFileSync('examples/valid/api.yaml', 'utf8')), false);
});

test('the bound is never below the estimate (corpus and 1,000 fuzzed files)', () => {
  const corpus = loadCorpus();
  const texts = [...corpus.map((c) => c.text), ...Array.from({ length: 1000 }, (_, i) => makeCase(corpus, 20261130, i).text)];
  let checked = 0;
  for (const text of texts) {
    const bound = nestingBound(text);
    if (bound > 2000) continue; // long single lines (huge scalars): the loop runs anyway
    assert.ok(estimatedDepth(text, bound) <= bound, `bound ${bound} below the estimate for ${JSON.stringify(text.slice(0, 80))}`);
    checked++;
  }
  assert.ok(checked > 500, `only ${checked} texts checked`);
});
