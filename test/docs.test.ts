import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { ALL_RULES } from '../server/src/core/rules';
import { categoryOf } from '../server/src/core/rules/ids';
import { exampleFixture, FIXTURES, renderRulesDoc } from '../scripts/rules-doc';

test('docs/rules.md is generated from the rules and up to date (npm run docs)', () => {
  assert.ok(readFileSync('docs/rules.md', 'utf8') === renderRulesDoc(), 'docs/rules.md is stale: run `npm run docs`');
});

test('rule ids are kebab-case (category/concern for a family), unique, equal to their file names, with docs', () => {
  const ids = ALL_RULES.map((r) => r.meta.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const rule of ALL_RULES) {
    assert.match(rule.meta.id, /^([a-z]+(-[a-z0-9]+)*\/)?[a-z]+(-[a-z0-9]+)*$/);
    const folder = rule.meta.scope === 'stack' ? 'server/src/core/rules/stacks' : 'server/src/core/rules';
    assert.ok(existsSync(`${folder}/${rule.meta.id}.ts`), `${folder}/${rule.meta.id}.ts`);
    assert.ok(rule.meta.docs.length > 80 && rule.meta.description.length > 10, `${rule.meta.id} documents itself`);
    // A former id is no rule of its own, and a category is no rule id: `schema` and `schema/*` must not be ambiguous.
    assert.ok(!ids.includes(rule.meta.replaces ?? '\0'), `${rule.meta.id}: former id ${rule.meta.replaces} is not a rule id too`);
  }
  for (const category of new Set(ids.map(categoryOf))) if (category) assert.ok(!ids.includes(category), `category ${category} is no rule id`);
});

test('every rule has at least 3 firing fixture cases and a silent look-alike file', () => {
  for (const { meta } of ALL_RULES) {
    const dir = `${FIXTURES}/${meta.id}`;
    assert.ok(existsSync(dir), `${dir} exists`);
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    const texts = files.map((f) => readFileSync(`${dir}/${f}`, 'utf8'));
    const marker = new RegExp(`\\^+ \\w+ ${meta.id.replace('/', '\\/')}(\\s|$)`, 'gm');
    const firing = texts.reduce((n, t) => n + (t.match(marker)?.length ?? 0), 0);
    assert.ok(firing >= 3, `${meta.id}: ${firing} firing fixture cases, want ≥ 3`);
    assert.ok(files.some((f) => f.startsWith('valid')), `${meta.id}: a valid*.yaml look-alike that stays silent`);
  }
});

// Each example.yaml is also a fixture: test/rules.test.ts runs it and asserts every marked finding
// (and no other finding of the rule, nor any error), so the example in docs/rules.md cannot drift.
test('every rule shows an example taken from its fixtures that fires, and no unchecked example of its own', () => {
  for (const { meta } of ALL_RULES) {
    const example = exampleFixture(meta.id);
    assert.ok(existsSync(example), `${example} exists`);
    assert.ok(!/```\s*ya?ml/.test(meta.docs), `${meta.id}: the docs text holds no example of its own (move it to ${example})`);
    assert.match(readFileSync(example, 'utf8'), new RegExp(`^\\s*#\\s*\\^+ \\w+ ${meta.id.replace('/', '\\/')} -- \\S`, 'm'), `${example} fires, with the message it reports`);
    if (categoryOf(meta.id)) assert.ok(Object.keys(meta.messages ?? {}).length > 0, `${meta.id}: message ids`);
  }
});
