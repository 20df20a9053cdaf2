import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { COMMON_KINDS, warmUpSteps } from '../../server/src/core/features/warm-up';
import { snippetText, type SnippetDefinition } from '../../server/src/core/features/snippet-completion';
import { bundledCatalog } from '../../server/src/io/schema-source';

const catalog = bundledCatalog();
const samples = Object.values(JSON.parse(readFileSync('snippets/kubernetes.json', 'utf8')) as Record<string, SnippetDefinition>).map(snippetText);

test('every common kind of the warm-up is a kind of the bundled schemas', () => {
  const missing = COMMON_KINDS.filter(([group, version, kind]) => !catalog.entry(group, version, kind)).map((k) => k.join('/'));
  assert.deepEqual(missing, []);
});

test('warm-up: one step per common kind, per sample per round and per edit; no step throws', () => {
  const steps = warmUpSteps({ catalog, config: DEFAULT_CONFIG, samples, rounds: 2, edits: 6 });
  assert.equal(steps.length, COMMON_KINDS.length + 2 * samples.length + 6, 'the samples have an image to edit past their middle');
  for (const step of steps) step();
});
