// schemas/ is generated (ARCHITECTURE.md invariant): regenerating from the OpenAPI documents must
// reproduce it byte for byte. Plus the rules of the OpenAPI → JSON Schema transformation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { collectRefs, parseEnumValues, QUANTITY_PATTERN, toJsonSchema } from '../server/src/core/schema/openapi';
import { generateSchemaFolder } from '../scripts/schema-folder';
import { listFilesRecursive, openApiVersions } from '../scripts/generate-schemas';

const OPENAPI = resolve('../shared/k8s-openapi');
const SCHEMAS = resolve('schemas');

test('schemas/ is up to date with ../shared/k8s-openapi (every version folder)', () => {
  assert.ok(existsSync(OPENAPI), `OpenAPI source folder ${OPENAPI} is missing: the staleness check cannot run without it`);
  const versions = openApiVersions(OPENAPI);
  assert.deepEqual(versions.map((v) => v.version), ['1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
  const expected = generateSchemaFolder(versions);
  // schemas/catalog is the custom-resource catalog's, written by another generator.
  const committed = existsSync(SCHEMAS) ? listFilesRecursive(SCHEMAS).filter((f) => !f.startsWith('catalog/')) : [];
  const stale = [
    ...[...expected.keys()].filter((f) => !committed.includes(f) || readFileSync(join(SCHEMAS, f), 'utf8') !== expected.get(f)),
    ...committed.filter((f) => !expected.has(f)),
  ];
  assert.deepEqual(stale, [], 'schemas/ is stale; run: npm run schemas -- ../shared/k8s-openapi');
});

function compile(schema: object): (value: unknown) => boolean {
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(schema);
  return (value) => validate(value) as boolean;
}

test('references: allOf-wrapped $ref becomes a definitions $ref with description and default kept', () => {
  const out = toJsonSchema({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodSpec' }], default: {}, description: 'Spec.' });
  assert.deepEqual(out, { $ref: '#/definitions/io.k8s.api.core.v1.PodSpec', description: 'Spec.', default: {} });
  assert.deepEqual([...collectRefs({ properties: { spec: out }, default: { $ref: 'not a schema' } })], ['#/definitions/io.k8s.api.core.v1.PodSpec']);
});

test('int-or-string: IntOrString references, the format and the CRD extension accept integers and strings only', () => {
  for (const source of [
    { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' }], description: 'Port.' },
    { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }], description: 'Port.' },
    { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }], description: 'Port.' },
  ]) {
    const out = toJsonSchema(source);
    assert.equal(out['x-kubernetes-int-or-string'], true);
    assert.equal(out.description, 'Port.');
    const valid = compile(out);
    assert.deepEqual([8080, 'http', 1.5, true, {}].map(valid), [true, true, false, false, false]);
  }
});

test('quantity: numbers and quantity strings pass, other strings fail', () => {
  const out = toJsonSchema({ allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' }], description: 'Memory.' });
  assert.equal(out['x-kubernetes-quantity'], true);
  assert.equal(out.description, 'Memory.');
  assert.deepEqual(out.anyOf, [{ type: 'number' }, { type: 'string', pattern: QUANTITY_PATTERN }]);
  const valid = compile(out);
  assert.deepEqual(['500m', '1Gi', '1.5', '1e3', 1, 0.5].map(valid), [true, true, true, true, true, true]);
  assert.deepEqual(['1 GB', 'abc', '', true].map(valid), [false, false, false, false]);
});

test('enums: "Possible enum values" lists become enum; other descriptions and existing enums are kept', () => {
  const description = 'Pull policy.\n\nPossible enum values:\n - `"Always"` means always pull.\n - `"IfNotPresent"` means pull if absent.\n - `"Never"` means never pull.';
  assert.deepEqual(parseEnumValues(description), ['Always', 'IfNotPresent', 'Never']);
  assert.deepEqual(toJsonSchema({ type: 'string', description }), { description, type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] });
  assert.equal(parseEnumValues('One of Always, Never, IfNotPresent.'), undefined);
  assert.deepEqual(toJsonSchema({ type: 'string', description, enum: ['A'] }).enum, ['A']);
  assert.equal(toJsonSchema({ type: 'integer', description }).enum, undefined);
  const list = toJsonSchema({ type: 'array', items: { type: 'string' }, description: 'Modes.\n\nPossible enum values:\n - `"Ingress"`\n - `"Egress"`' });
  assert.deepEqual((list.items as { enum: string[] }).enum, ['Ingress', 'Egress']);
});

test('strictness: objects with properties reject unknown fields; maps and preserve-unknown-fields do not', () => {
  const strict = toJsonSchema({ type: 'object', properties: { name: { type: 'string' } } });
  assert.equal(strict.additionalProperties, false);
  assert.equal(compile(strict)({ name: 'a', nmae: 'b' }), false);

  const preserved = toJsonSchema({ type: 'object', properties: { name: { type: 'string' } }, 'x-kubernetes-preserve-unknown-fields': true });
  assert.equal(preserved.additionalProperties, undefined);
  assert.equal(compile(preserved)({ name: 'a', anything: { deep: 1 } }), true);

  const map = toJsonSchema({ type: 'object', additionalProperties: { type: 'object', properties: { x: { type: 'integer' } } } });
  assert.deepEqual(map.additionalProperties, { type: 'object', properties: { x: { type: 'integer' } }, additionalProperties: false });
  assert.equal(compile(map)({ a: { x: 1 }, b: { x: 2 } }), true);
  assert.equal(compile(map)({ a: { y: 1 } }), false);

  // Junctor branches only add value constraints; closing them would reject every other field.
  const crd = toJsonSchema({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, oneOf: [{ properties: { a: { minLength: 1 } } }] });
  assert.equal((crd.oneOf as { additionalProperties?: unknown }[])[0].additionalProperties, undefined);
});

test('nullable, exclusive bounds and kept extensions', () => {
  assert.deepEqual(toJsonSchema({ type: 'string', nullable: true }).type, ['string', 'null']);
  assert.deepEqual(toJsonSchema({ type: 'integer', minimum: 0, exclusiveMinimum: true }), { type: 'integer', exclusiveMinimum: 0 });
  const list = toJsonSchema({ type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set', 'x-kubernetes-group-version-kind': [] });
  assert.equal(list['x-kubernetes-list-type'], 'set');
  assert.equal(list['x-kubernetes-group-version-kind'], undefined, 'the GVK belongs to the root only');
  assert.deepEqual(toJsonSchema({ type: 'object', 'x-kubernetes-group-version-kind': [] }, { root: true })['x-kubernetes-group-version-kind'], []);
});

test('a CRD root that lists only spec still accepts apiVersion, kind and metadata', () => {
  const root = toJsonSchema({ type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } }, { root: true });
  const valid = compile(root);
  assert.equal(valid({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1 } }), true);
  assert.equal(valid({ apiVersion: 'example.com/v1', kind: 'Widget', spec: { size: 1, colour: 'red' } }), false);
});
