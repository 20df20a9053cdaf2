// Precision on manifests nobody here wrote (../shared/realworld, issue 17): every error and
// warning the CLI reports there has a reviewed verdict in test/realworld/verdicts.json, no
// verdict is left over from a finding that is gone, no error is false, at most 5 % of the
// warnings are, and no file is dropped from the report (a skipped file is listed with its reason).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compare, loadVerdicts, runCorpus, yamlFilesOf } from '../scripts/realworld.mjs';

const corpus = runCorpus();

test('real-world corpus: every finding reviewed, no false error, false warnings at most 5 %', () => {
  const { findings, listed } = corpus;
  const result = compare(findings, loadVerdicts());
  const c = result.counts;
  console.log(`errors: ${c.errors} (false ${c.falseErrors}), warnings: ${c.warnings} (false ${c.falseWarnings})`);
  assert.deepEqual(result.unreviewed.map((f) => `${f.severity} ${f.key} ${f.message}`), [], 'findings without a verdict: run `npm run realworld -- --write-missing` and review them');
  assert.deepEqual(result.stale.map((v) => v.finding), [], 'verdicts whose finding is gone');
  assert.deepEqual(result.falseOnes.filter((f) => f.severity === 'error').map((f) => f.key), [], 'false errors');
  assert.ok(c.falseWarnings <= 0.05 * c.warnings, `false warnings ${c.falseWarnings} of ${c.warnings}`);
  assert.deepEqual(yamlFilesOf().filter((f) => !listed.includes(f)), [], 'files the CLI did not list');
});

test('real-world corpus: no custom resource of a catalog group is left unchecked (issue 19)', () => {
  const catalogGroups = new Set((JSON.parse(readFileSync('schemas/catalog/index.json', 'utf8')).kinds as { group: string }[]).map((k) => k.group));
  const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '');
  console.log(`unchecked custom resources: ${corpus.unchecked.length}, of catalog groups: ${corpus.unchecked.filter((u) => catalogGroups.has(groupOf(u.apiVersion))).length}`);
  assert.ok(catalogGroups.size > 20, 'the catalog index lists its groups');
  assert.deepEqual(corpus.unchecked.filter((u) => catalogGroups.has(groupOf(u.apiVersion))).map((u) => `${u.key} ${u.apiVersion}`), []);
});
