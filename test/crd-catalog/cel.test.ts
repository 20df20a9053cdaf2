// CEL rules see what the API server gives them: the schema's defaults applied, and field names
// that are CEL reserved words escaped (`self.__namespace__`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { celViolations } from '../../server/src/core/schema/cel';
import { toJsonSchema } from '../../server/src/core/schema/openapi';

const ref = {
  type: 'object',
  properties: {
    kind: { type: 'string', default: 'Service' },
    port: { type: 'integer' },
    namespace: { type: 'string' },
  },
  'x-kubernetes-validations': [{ rule: "self.kind == 'Service' ? has(self.port) : true", message: 'Must have port for Service reference' }],
};

test('defaults are applied before rules: a reference without kind is a Service reference', () => {
  assert.deepEqual(celViolations(ref, { name: 'a' }).map((v) => v.message), ['<nil>: Invalid value: Must have port for Service reference']);
  assert.deepEqual(celViolations(ref, { port: 80 }), []);
  assert.deepEqual(celViolations(ref, { kind: 'Bucket' }), []);
});

test('a field named like a CEL keyword is read through its escaped name', () => {
  const schema = { ...ref, 'x-kubernetes-validations': [{ rule: "!has(self.__namespace__) || self.__namespace__ != 'kube-system'", message: 'not kube-system' }] };
  assert.deepEqual(celViolations(schema, { namespace: 'kube-system' }).map((v) => v.message), ['<nil>: Invalid value: not kube-system']);
  assert.deepEqual(celViolations(schema, { namespace: 'shop' }), []);
});

test('a oneOf whose branches differ by format only (not validated) is checked as anyOf', () => {
  const converted = toJsonSchema({
    type: 'object',
    properties: { type: { type: 'string', default: 'IPAddress' }, value: { type: 'string' } },
    oneOf: [{ properties: { type: { enum: ['IPAddress'] }, value: { anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] } } }, { properties: { type: { not: { enum: ['IPAddress'] } } } }],
  });
  assert.equal(converted.oneOf, undefined);
  assert.equal((converted.anyOf as unknown[]).length, 2);
  const exactlyOne = toJsonSchema({ type: 'object', oneOf: [{ required: ['a'] }, { required: ['b'] }] });
  assert.equal((exactlyOne.oneOf as unknown[]).length, 2, 'a oneOf that does not depend on formats stays');
});
