// The language-server slice of `npm run fuzz` (issue 9 §3): 100 seeded cases through one
// dist/server.js process — open, edits, completion, hover, code actions, symbols, navigation at
// random positions, close. No crash, nothing on stderr, no logged error, every request answered
// within 1 s, and the server still answers afterwards and exits cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpus } from './corpus';
import { FuzzServer, isNodeWarning } from './lsp-client';
import { runLspCase, stillAnswers } from './lsp';
import { makeCase } from './mutations';

const CASES = 100;
// Another stretch of the same seed's cases than the engine slice covers.
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const FIRST = 500;

test(`fuzz slice: ${CASES} mutated manifests through the language server`, async (t) => {
  const corpus = loadCorpus();
  const server = new FuzzServer();
  const problems: string[] = [];
  let slowest = { method: '', ms: 0, index: -1 };
  try {
    await server.initialize();
    for (let i = FIRST; i < FIRST + CASES && !server.exited; i++) {
      const res = await runLspCase(server, makeCase(corpus, SEED, i));
      for (const p of res.problems.filter((p) => !isNodeWarning(p))) problems.push(`case ${i} (FUZZ_SEED=${SEED} FUZZ_ONLY=${i}): ${p.kind}: ${p.detail.slice(0, 1000)}`);
      if (res.slowest.ms > slowest.ms) slowest = { ...res.slowest, index: i };
    }
    assert.equal(await stillAnswers(server), undefined);
    assert.equal(await server.shutdown(), 0);
  } finally {
    server.kill();
  }
  t.diagnostic(`slowest request ${slowest.ms.toFixed(0)} ms (${slowest.method}, case ${slowest.index})`);
  assert.deepEqual(problems.slice(0, 5), []);
  assert.ok(slowest.ms < 1000, `case ${slowest.index}: ${slowest.method} took ${slowest.ms.toFixed(0)} ms`);
});
