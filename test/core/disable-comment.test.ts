import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/core/config';
import { diagnoseFile, diagnoseWorkspaceFile } from '../../server/src/core/features/diagnostics';
import { parseFile } from '../../server/src/core/model/parse';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { bundledCatalog } from '../../server/src/io/schema-source';
import { imageTag } from '../../server/src/core/rules/image-tag';

const catalog = bundledCatalog();
const pod = (comment: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      ${comment}\n      image: nginx\n`;

function check(text: string, config = DEFAULT_CONFIG) {
  return diagnoseFile(parseFile(text), { catalog, config }).map((f) => `${f.severity} ${f.ruleId} ${text.slice(f.start, f.end)}`);
}

test('the valid fixture: comments that suppress findings give no disable-comment finding, not even information', () => {
  const text = readFileSync('test/fixtures/rules/disable-comment/valid.yaml', 'utf8');
  const ws = Workspace.empty((g, k) => catalog.entriesForKind(k).find((e) => e.group === g)?.namespaced, true).withFile('main.yaml', text);
  const findings = diagnoseWorkspaceFile(ws, 'main.yaml', { catalog, config: DEFAULT_CONFIG });
  assert.deepEqual(findings.filter((f) => f.ruleId === 'disable-comment' || f.ruleId === 'image-tag' || f.ruleId === 'service-no-pods'), []);
});

test('a known id suppresses; a typo suppresses nothing and says so', () => {
  assert.ok(!check(pod('# kubesight-disable-next-line image-tag')).some((f) => f.includes('image-tag') || f.includes('disable-comment')));
  assert.deepEqual(check(pod('# kubesight-disable-next-line imgae-tag')).filter((f) => /image-tag|disable-comment/.test(f)), ['warning disable-comment imgae-tag', 'warning image-tag nginx']);
});

test('a reason after " -- " is not read as rule ids', () => {
  assert.deepEqual(check(pod('# kubesight-disable-next-line image-tag -- pinned by the release pipeline')).filter((f) => f.includes('disable-comment')), []);
});

test('a comment for a rule that did not run (turned off, or not given) is not called unused', () => {
  const off = mergeConfig(DEFAULT_CONFIG, { rules: { 'name-format': 'off' } });
  const text = pod('# kubesight-disable-next-line image-tag').replace('  name: web', '  # kubesight-disable-next-line name-format\n  name: web');
  assert.deepEqual(check(text, off).filter((f) => f.includes('disable-comment')), []);
  assert.deepEqual(diagnoseFile(parseFile(text), { catalog, config: DEFAULT_CONFIG, rules: [imageTag] }).filter((f) => f.ruleId === 'disable-comment'), []);
});

test('disable-comment can be turned off in the configuration', () => {
  const off = mergeConfig(DEFAULT_CONFIG, { rules: { 'disable-comment': 'off' } });
  assert.deepEqual(check(pod('# kubesight-disable-next-line imgae-tag'), off).filter((f) => f.includes('disable-comment')), []);
});
