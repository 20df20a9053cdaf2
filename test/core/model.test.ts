import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/core/model/parse';
import { LineIndex } from '../../server/src/core/model/line-index';
import { formatPath, locate, rangeOfPath } from '../../server/src/core/model/path';
import { resourcesOfFile } from '../../server/src/core/model/resource';

const text = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '        - name: app',
  '          image: nginx:1.27',
  '---',
  'apiVersion: v1',
  'kind: List',
  'items:',
  '  - apiVersion: v1',
  '    kind: ConfigMap',
  '    metadata: {name: a, namespace: prod}',
  '',
].join('\n');

test('LineIndex maps offsets and positions both ways, with CRLF', () => {
  const idx = new LineIndex('ab\r\ncd\nef');
  assert.deepEqual(idx.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(idx.positionAt(4), { line: 1, character: 0 });
  assert.deepEqual(idx.positionAt(8), { line: 2, character: 1 });
  assert.equal(idx.offsetAt({ line: 1, character: 1 }), 5);
  assert.equal(idx.offsetAt({ line: 9, character: 0 }), 9);
  assert.equal(idx.lineText(0), 'ab');
});

test('parseFile keeps every document with its offsets and no errors on valid YAML', () => {
  const file = parseFile(text);
  assert.equal(file.documents.length, 2);
  assert.equal(file.documents[0].errors.length, 0);
  assert.ok(file.documents[1].start > file.documents[0].start);
});

test('resources: documents and List items, with names and namespaces', () => {
  const resources = resourcesOfFile(parseFile(text));
  assert.deepEqual(
    resources.map((r) => [r.kind, r.name, r.namespace, r.group]),
    [
      ['Deployment', 'web', undefined, 'apps'],
      ['ConfigMap', 'a', 'prod', ''],
    ],
  );
  assert.deepEqual(resources[1].basePath, ['items', 0]);
});

test('rangeOfPath marks the exact value of a scalar and the key of a collection', () => {
  const file = parseFile(text);
  const [deployment] = resourcesOfFile(file);
  const image = rangeOfPath(deployment.node, ['spec', 'template', 'spec', 'containers', 0, 'image']);
  assert.equal(text.slice(image![0], image![1]), 'nginx:1.27');
  const containers = rangeOfPath(deployment.node, ['spec', 'template', 'spec', 'containers']);
  assert.equal(text.slice(containers![0], containers![1]), 'containers');
  // A path that does not exist marks the deepest key that does.
  const missing = rangeOfPath(deployment.node, ['spec', 'template', 'spec', 'restartPolicy']);
  assert.equal(text.slice(missing![0], missing![1]), 'spec');
  assert.equal(locate(deployment.node, ['spec', 'nope']).depth, 1);
});

test('formatPath prints the API server notation', () => {
  assert.equal(formatPath(['spec', 'containers', 0, 'ports', 2, 'name']), 'spec.containers[0].ports[2].name');
  assert.equal(formatPath(['metadata', 'annotations', 'kubernetes.io/ingress.class']), 'metadata.annotations[kubernetes.io/ingress.class]');
  assert.equal(formatPath([]), '<nil>');
});

test('parse errors are data, never thrown: tabs, duplicate keys, unclosed quotes, binary junk', () => {
  const inputs = ['a:\n\tb: 1\n', 'a: 1\na: 2\n', 'a: "unclosed\n', '\u0000\u0001\uFFFD: [', 'a: &x [*x]\n', '- '.repeat(5000)];
  for (const input of inputs) {
    const file = parseFile(input);
    assert.ok(Array.isArray(file.documents));
  }
  assert.ok(parseFile('a: 1\na: 2\n').documents[0].errors.some((e) => e.code === 'DUPLICATE_KEY'));
  assert.ok(parseFile('a:\n\tb: 1\n').documents[0].errors.length > 0);
});

test('YAML 1.1 scalars resolve as the API server sees them', () => {
  const file = parseFile('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  enabled: yes\n');
  const [cm] = resourcesOfFile(file);
  assert.equal((cm.value.data as Record<string, unknown>).enabled, true);
});

test('Helm templates are skipped with a reason; `{{` in a value is not a template', () => {
  assert.match(parseFile('kind: {{ .Values.kind }}\n').skipped?.reason ?? '', /Go template markers as YAML syntax/);
  assert.equal(parseFile('kind: "{{ .Values.kind }}"\n').skipped, undefined);
  assert.equal(parseFile('a: 1\n').skipped, undefined);
});

test('non-Kubernetes YAML yields no resources', () => {
  assert.equal(resourcesOfFile(parseFile('name: build\non:\n  push: {}\n')).length, 0);
  assert.equal(resourcesOfFile(parseFile('replicaCount: 1\n')).length, 0);
});
