// A seeded, reproducible slice of fuzzing: real manifests mutated (deleted/inserted/duplicated
// characters and lines, tabs, truncation, odd indentation, anchors and alias bombs, deep nesting,
// huge scalars, junk bytes) and driven through every core feature at random offsets.
// Nothing may throw, and each case must finish quickly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { complete } from '../../server/src/core/features/completion';
import { diagnoseWorkspaceFile } from '../../server/src/core/features/diagnostics';
import { hover } from '../../server/src/core/features/hover';
import { definitionAt, referencesAt } from '../../server/src/core/features/navigation';
import { documentSymbols } from '../../server/src/core/features/symbols';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { bundledCatalog } from '../../server/src/io/schema-source';

const CASES = Number(process.env.FUZZ_CASES ?? 300);
const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const catalog = bundledCatalog();

const corpus = [
  ...readdirSync('examples/valid').map((f) => join('examples/valid', f)),
  ...readdirSync('examples/broken').map((f) => join('examples/broken', f)),
].map((f) => readFileSync(f, 'utf8'));

function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const MUTATIONS: ((t: string, r: (n: number) => number) => string)[] = [
  (t, r) => { const i = r(t.length + 1); return t.slice(0, i) + t.slice(i + 1 + r(8)); },
  (t, r) => { const i = r(t.length + 1); return t.slice(0, i) + ['\t', ':', '-', '"', "'", '{', '[', '&a ', '*a', '|', '\n', '  ', '---\n', '\u0000', '\uFFFD'][r(15)] + t.slice(i); },
  (t, r) => { const lines = t.split('\n'); const i = r(lines.length); lines.splice(i, 0, lines[r(lines.length)]); return lines.join('\n'); },
  (t, r) => { const lines = t.split('\n'); lines.splice(r(lines.length), 1 + r(3)); return lines.join('\n'); },
  (t, r) => t.slice(0, r(t.length + 1)),
  (t, r) => t.split('\n').map((l) => (r(5) === 0 ? ' '.repeat(r(9)) + l.trimStart() : l)).join('\n'),
  (t) => `a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c]\n---\n${t}`,
  (t, r) => `${t}\n${'  '.repeat(0)}${Array.from({ length: 300 + r(300) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')}\n`,
  (t, r) => t.replace('name:', `name: ${'x'.repeat(10_000 + r(10_000))}`),
  (t) => `${'['.repeat(2000)}${']'.repeat(2000)}\n${t}`,
];

test(`fuzz: ${CASES} mutated manifests through diagnostics, completion, hover, symbols, navigation`, () => {
  const r = rng(SEED);
  let slowest = 0;
  for (let i = 0; i < CASES; i++) {
    let text = corpus[r(corpus.length)];
    for (let m = 0; m < 1 + r(3); m++) text = MUTATIONS[r(MUTATIONS.length)](text, r);
    const started = performance.now();
    try {
      const ws = Workspace.empty(undefined, true).withFile('f.yaml', text).withFile('g.yaml', corpus[r(corpus.length)]);
      const file = ws.file('f.yaml')!.parsed;
      diagnoseWorkspaceFile(ws, 'f.yaml', { catalog, config: DEFAULT_CONFIG });
      documentSymbols(file);
      for (let k = 0; k < 3; k++) {
        const offset = r(text.length + 1);
        complete(file, offset, catalog, ws);
        hover(file, offset, catalog);
        definitionAt(ws, 'f.yaml', offset);
        referencesAt(ws, 'f.yaml', offset, true);
      }
    } catch (e) {
      assert.fail(`case ${i} (seed ${SEED}) threw: ${(e as Error).stack}\n--- input ---\n${text.slice(0, 2000)}`);
    }
    slowest = Math.max(slowest, performance.now() - started);
  }
  assert.ok(slowest < 1000, `slowest case took ${slowest.toFixed(0)} ms`);
});
