import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renameAt } from '../../server/src/core/features/navigation';
import { Workspace } from '../../server/src/core/workspace/workspace';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web, tier: front}
    spec:
      containers: [{name: web, image: "nginx:1.27.3"}]
`;
const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports: [{port: 80}]
`;
const other = `apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: elsewhere
spec:
  selector:
    app: web
  ports: [{port: 80}]
`;

function rename(file: string, needle: string, newName: string, nth = 0) {
  const ws = Workspace.empty(undefined, true).withFile('d.yaml', deployment).withFile('s.yaml', service).withFile('o.yaml', other);
  const text = { 'd.yaml': deployment, 's.yaml': service, 'o.yaml': other }[file]!;
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  const edits = renameAt(ws, file, offset + 1, newName);
  return Object.fromEntries([...(edits ?? new Map())].map(([uri, list]) => [uri, list.map((e) => ({ text: ({ 'd.yaml': deployment, 's.yaml': service, 'o.yaml': other } as Record<string, string>)[uri].slice(e.start, e.end), newText: e.newText }))]));
}

test('renaming a label value renames it in labels and selectors of the namespace, not elsewhere', () => {
  const edits = rename('s.yaml', 'web', 'shop', 1);
  assert.equal(edits['d.yaml'].length, 3);
  assert.ok(edits['d.yaml'].every((e) => e.text === 'web' && e.newText === 'shop'));
  assert.deepEqual(edits['s.yaml'], [{ text: 'web', newText: 'shop' }]);
  assert.equal(edits['o.yaml'], undefined);
});

test('renaming a label key renames the key everywhere it links', () => {
  const edits = rename('d.yaml', 'app', 'app.kubernetes.io/name', 1);
  assert.equal(edits['d.yaml'].length, 3);
  assert.deepEqual(edits['s.yaml'], [{ text: 'app', newText: 'app.kubernetes.io/name' }]);
});

test('renaming an object renames its name and the references to it', () => {
  const edits = rename('d.yaml', 'web', 'shop', 0);
  assert.deepEqual(Object.keys(edits), ['d.yaml']);
  assert.deepEqual(edits['d.yaml'], [{ text: 'web', newText: 'shop' }]);
});
