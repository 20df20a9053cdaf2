// The engine slice of `npm run fuzz` (issue 9 §3): 500 seeded cases of mutated real manifests
// through diagnostics, every rule, symbols, completion, hover, navigation and incremental edits
// (`npm run fuzz` also compares each incremental re-parse with a fresh one).
// A failure names its seed and case: `FUZZ_SEED=<seed> FUZZ_ONLY=<case> npm run fuzz` replays it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundledCatalog } from '../../server/src/io/schema-source';
import { loadCorpus } from './corpus';
import { runEngineCase } from './engine';
import { makeCase } from './mutations';

const CASES = 500;
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);

test(`fuzz slice: ${CASES} mutated manifests through the engine, no exception, every operation < 1 s`, (t) => {
  const catalog = bundledCatalog();
  const corpus = loadCorpus();
  const problems: string[] = [];
  let slowest = { op: '', ms: 0, index: -1 };
  const warn = process.emitWarning;
  process.emitWarning = (() => undefined) as typeof process.emitWarning; // yaml's toJS warns about odd keys
  try {
    for (let i = 0; i < CASES; i++) {
      const c = makeCase(corpus, SEED, i);
      const res = runEngineCase(c, catalog, false);
      for (const e of [...res.errors, ...res.ruleErrors]) problems.push(`case ${i} (FUZZ_SEED=${SEED} FUZZ_ONLY=${i}, ${c.mutations.join('+')}): ${e}`);
      if (res.slowest.ms > slowest.ms) slowest = { ...res.slowest, index: i };
    }
  } finally {
    process.emitWarning = warn;
  }
  t.diagnostic(`slowest operation ${slowest.ms.toFixed(0)} ms (${slowest.op}, case ${slowest.index})`);
  assert.deepEqual(problems.slice(0, 5), []);
  assert.ok(slowest.ms < 1000, `case ${slowest.index} (FUZZ_SEED=${SEED}): ${slowest.op} took ${slowest.ms.toFixed(0)} ms`);
});
