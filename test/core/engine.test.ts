import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/core/model/parse';
import { SchemaCatalog } from '../../server/src/core/schema/catalog';
import { diagnoseFile } from '../../server/src/core/features/diagnostics';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/core/config';
import { SCHEMA_RULES } from '../../server/src/core/rules';
import { yamlSyntax } from '../../server/src/core/rules/yaml-syntax';
import { closest, stripNullFields } from '../../server/src/core/schema/validate';

// A tiny in-memory catalog: the engine must not depend on the bundled files to be tested.
const widget = {
  type: 'object',
  required: ['spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object', properties: { name: { type: 'string' } }, additionalProperties: false },
    spec: {
      type: 'object',
      additionalProperties: false,
      required: ['size'],
      properties: {
        size: { type: 'integer' },
        mode: { type: 'string', enum: ['Fast', 'Slow'] },
        port: { anyOf: [{ type: 'integer' }, { type: 'string' }], 'x-kubernetes-int-or-string': true },
        memory: { anyOf: [{ type: 'number' }, { type: 'string', pattern: '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' }], 'x-kubernetes-quantity': true },
        note: { type: 'string' },
      },
    },
  },
};
const catalog = SchemaCatalog.create({
  index: { kubernetesVersion: '1.35', kinds: [{ group: 'example.com', version: 'v1', kind: 'Widget', file: 'widget.json' }] },
  load: () => widget,
});
const env = { catalog, config: DEFAULT_CONFIG, rules: [yamlSyntax, ...SCHEMA_RULES] };

function check(body: string) {
  const text = `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n${body}`;
  return diagnoseFile(parseFile(text), env).map((f) => ({ ...f, text: text.slice(f.start, f.end) }));
}

test('a valid object has no findings; null optional fields count as absent', () => {
  assert.deepEqual(check('spec:\n  size: 3\n  mode: Fast\n  port: http\n  memory: 1Gi\n  note:\n'), []);
});

test('unknown field: API wording, key range, suggestion and fix', () => {
  const [f] = check('spec:\n  size: 3\n  mdoe: Fast\n');
  assert.equal(f.ruleId, 'schema/unknown-field');
  assert.equal(f.text, 'mdoe');
  assert.match(f.message, /^unknown field "spec.mdoe" \(did you mean "mode"\?\)$/);
  assert.equal(f.fixes?.[0].edits[0].newText, 'mode');
});

test('wrong type, enum, required, int-or-string and quantity messages', () => {
  const findings = check('spec:\n  size: "3"\n  mode: Medium\n  port: [1]\n  memory: 1 GB\n');
  const byText = Object.fromEntries(findings.map((f) => [f.text, f.message]));
  assert.equal(byText['"3"'], 'spec.size: Invalid value: "string": spec.size in body must be of type integer: "string"');
  assert.equal(byText['Medium'], 'spec.mode: Unsupported value: "Medium": supported values: "Fast", "Slow"');
  assert.match(byText.port, /spec.port in body must be of type integer or string: "array"/);
  assert.match(byText['1 GB'], /^spec.memory: Invalid value: "1 GB": quantities must match the regular expression/);
  assert.equal(findings.length, 4);
  const [missing] = check('spec:\n  mode: Fast\n');
  assert.equal(missing.message, 'spec.size: Required value');
  assert.equal(missing.text, 'spec');
});

test('a document with syntax errors gets only its syntax findings', () => {
  const findings = check('spec:\n  size: 3\n  size: 4\n  bogus: 1\n');
  assert.deepEqual(findings.map((f) => f.ruleId), ['yaml-syntax']);
});

test('unknown kinds are informational, never errors', () => {
  const text = 'apiVersion: acme.io/v1\nkind: Gadget\nmetadata:\n  name: g\nspec: {anything: 1}\n';
  const findings = diagnoseFile(parseFile(text), env);
  assert.deepEqual(findings.map((f) => [f.severity, text.slice(f.start, f.end)]), [['info', 'Gadget']]);
});

test('severity overrides and inline suppressions', () => {
  const text = 'apiVersion: example.com/v1\nkind: Widget\nspec:\n  # kubesight-disable-next-line schema\n  size: "3"\n  mode: Medium\n';
  const findings = diagnoseFile(parseFile(text), env);
  assert.deepEqual(findings.map((f) => text.slice(f.start, f.end)), ['Medium']);
  const off = diagnoseFile(parseFile(text), { ...env, config: mergeConfig(DEFAULT_CONFIG, { rules: { schema: 'off' } }) });
  assert.equal(off.length, 0);
  const warn = diagnoseFile(parseFile(text), { ...env, config: mergeConfig(DEFAULT_CONFIG, { rules: { schema: 'warning' } }) });
  assert.deepEqual(warn.map((f) => f.severity), ['warning']);
  const fileOff = diagnoseFile(parseFile(`# kubesight-disable-file schema\n${text}`), env);
  assert.equal(fileOff.length, 0);
});

test('non-Kubernetes YAML and Helm templates get nothing', () => {
  assert.deepEqual(diagnoseFile(parseFile('name: build\non:\n  push: {}\n'), env), []);
  assert.deepEqual(diagnoseFile(parseFile('apiVersion: v1\nkind: {{ .Values.kind }}\n'), env), []);
});

test('helpers: stripNullFields keeps list nulls; closest suggests near names only', () => {
  assert.deepEqual(stripNullFields({ a: null, b: [null, { c: null }] }), { b: [null, {}] });
  assert.equal(closest('imagePullPolcy', ['image', 'imagePullPolicy']), 'imagePullPolicy');
  assert.equal(closest('zzz', ['image']), undefined);
});

test('the findings cache returns the same findings, moved with their document', async () => {
  const { FindingsCache } = await import('../../server/src/core/features/findings-cache');
  const cache = new FindingsCache();
  const doc = 'apiVersion: example.com/v1\nkind: Widget\nspec:\n  size: "3"\n';
  const first = parseFile(`${doc}---\n${doc}`);
  const a = diagnoseFile(first, { ...env, cache });
  // Insert a document in front: both old documents move and must come from the cache, shifted.
  const prefix = 'apiVersion: v1\nkind: Other\n---\n';
  const text = `${prefix}${doc}---\n${doc}`;
  const b = diagnoseFile(parseFile(text, first), { ...env, cache });
  const fresh = diagnoseFile(parseFile(text), env);
  assert.deepEqual(b, fresh);
  assert.deepEqual(b.filter((f) => f.ruleId.startsWith('schema/') && f.severity === 'error').map((f) => f.start - prefix.length), a.map((f) => f.start));
});

test('an unclosed quote at the end of the file is reported on its own line', () => {
  const text = 'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: "unclosed\n';
  const [f] = diagnoseFile(parseFile(text), env);
  assert.equal(f.ruleId, 'yaml-syntax');
  assert.match(f.message, /Missing closing "quote/);
  assert.equal(text.slice(f.start, f.end), 'd');
});
