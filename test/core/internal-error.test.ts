import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/core/model/parse';
import { SchemaCatalog, type KindEntry } from '../../server/src/core/schema/catalog';
import { diagnoseFile } from '../../server/src/core/features/diagnostics';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/core/config';
import { SCHEMA_RULES } from '../../server/src/core/rules';
import { internalError } from '../../server/src/core/rules/internal-error';
import type { Rule } from '../../server/src/core/rules/rule';

const widgetSchema = { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } };
const catalog = SchemaCatalog.create({
  index: { kubernetesVersion: '1.35', kinds: [{ group: 'example.com', version: 'v1', kind: 'Widget', file: 'widget.json' }] },
  load: () => widgetSchema,
});
const text = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: big\n';

const throwsOnObjects: Rule = {
  meta: { id: 'port-reference', severity: 'warning', scope: 'document', description: 'test', docs: 'test' },
  checkResource: () => {
    throw new TypeError("Cannot read properties of undefined (reading 'ports')");
  },
};
const throwsOnFiles: Rule = {
  meta: { id: 'yaml-syntax', severity: 'error', scope: 'file', description: 'test', docs: 'test' },
  checkFile: () => {
    throw new RangeError('Maximum call stack size exceeded');
  },
};

function run(rules: readonly Rule[], config = DEFAULT_CONFIG) {
  return diagnoseFile(parseFile(text), { catalog, config, rules }).map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message, text: text.slice(f.start, f.end) }));
}

test('a rule that throws gives one internal-error finding on the object; the other rules still run', () => {
  const findings = run([throwsOnObjects, ...SCHEMA_RULES]);
  assert.deepEqual(findings, [
    { ruleId: 'internal-error', severity: 'info', text: 'Widget', message: `internal: rule "port-reference" failed on this object: TypeError: Cannot read properties of undefined (reading 'ports'); other rules still ran` },
    { ruleId: 'schema/type', severity: 'error', text: 'big', message: 'spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"' },
  ]);
});

test('a file rule that throws is reported at the start of the file', () => {
  const [finding] = run([throwsOnFiles]);
  assert.equal(finding.ruleId, 'internal-error');
  assert.equal(finding.message, 'internal: rule "yaml-syntax" failed on this file: RangeError: Maximum call stack size exceeded; other rules still ran');
});

test('internal-error can be turned off like any rule', () => {
  assert.deepEqual(run([throwsOnObjects], mergeConfig(DEFAULT_CONFIG, { rules: { 'internal-error': 'off' } })), []);
});

test('a long or multi-line exception message is cut to its first line', () => {
  const noisy: Rule = { ...throwsOnObjects, checkResource: () => { throw new Error(`${'x'.repeat(500)}\nsecond line`); } };
  const [finding] = run([noisy]);
  assert.ok(finding.message.length < 320, finding.message);
  assert.doesNotMatch(finding.message, /second line/);
});

test('a custom kind whose schema does not compile: one finding naming the CRD, nothing else checked', () => {
  const broken: KindEntry = { group: 'example.com', version: 'v1', kind: 'Widget', origin: 'file:///repo/crds/widget.yaml', schema: { type: 'object', properties: { spec: { type: 'objekt' } }, 'x-kubesight-crd': 'widgets.example.com' } };
  const withCrd = SchemaCatalog.create({ index: { kubernetesVersion: '1.35', kinds: [] }, load: () => ({}) }).withCustomKinds([broken]);
  const findings = diagnoseFile(parseFile(text), { catalog: withCrd, config: DEFAULT_CONFIG, rules: [...SCHEMA_RULES, internalError] });
  assert.equal(findings.length, 1);
  assert.equal(findings[0].ruleId, 'internal-error');
  assert.match(findings[0].message, /^the schema of example\.com\/v1 Widget \(from CRD widgets\.example\.com in \/repo\/crds\/widget\.yaml\) could not be compiled: schema is invalid: data\/properties\/spec\/type .*; fields of this kind are not checked$/);
});

test('a bundled kind has no schema problems', () => {
  const entry = catalog.entry('example.com', 'v1', 'Widget')!;
  assert.deepEqual(catalog.schemaProblems(entry), []);
  assert.ok(catalog.validator(entry));
});
