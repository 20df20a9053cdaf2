import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { ALL_RULES } from '../server/src/core/rules';
import { renderRulesDoc } from '../scripts/rules-doc';

test('docs/rules.md is generated from the rules and up to date (npm run docs)', () => {
  assert.ok(readFileSync('docs/rules.md', 'utf8') === renderRulesDoc(), 'docs/rules.md is stale: run `npm run docs`');
});

test('rule ids are kebab-case, unique, equal to their file names, with docs', () => {
  const ids = ALL_RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of ALL_RULES) {
    assert.match(rule.meta.id, /^[a-z]+(-[a-z0-9]+)*$/);
    const folder = rule.meta.scope === 'stack' ? 'server/src/core/rules/stacks' : 'server/src/core/rules';
    assert.ok(existsSync(`${folder}/${rule.meta.id}.ts`), `${folder}/${rule.meta.id}.ts`);
    assert.ok(rule.meta.docs.length > 80 && rule.meta.description.length > 10, `${rule.meta.id} documents itself`);
  }
});

test('every rule has fixtures that fire and fixtures that stay silent', () => {
  for (const { meta } of ALL_RULES) {
    const dir = `test/fixtures/rules/${meta.id}`;
    assert.ok(existsSync(dir), `${dir} exists`);
    const files = readdirSync(dir);
    const texts = files.map((f) => readFileSync(`${dir}/${f}`, 'utf8'));
    assert.ok(texts.some((t) => new RegExp(`\\^+ \\w+ ${meta.id}\\b`).test(t)), `${meta.id}: a fixture that fires`);
    assert.ok(files.some((f) => f.startsWith('valid')), `${meta.id}: a valid*.yaml look-alike that stays silent`);
  }
});
