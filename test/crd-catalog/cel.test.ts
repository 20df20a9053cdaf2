// CEL rules see what the API server gives them: the schema's defaults applied, and field names
// that are CEL reserved words escaped (`self.__namespace__`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { celViolations } from '../../server/src/core/schema/cel';

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
