import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/core/model/parse';
import { cursorAt } from '../../server/src/core/features/cursor';

/** `|` marks the cursor. */
function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.replace('|', '');
  const c = cursorAt(parseFile(text), offset);
  return { path: c.path, position: c.position, word: c.word };
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

test('key positions: top level, nested, inside a list item, in a new list item', () => {
  assert.deepEqual(at(`${deployment}|`), { path: [], position: 'key', word: '' });
  assert.deepEqual(at(`${deployment}  rep|`), { path: ['spec'], position: 'key', word: 'rep' });
  assert.deepEqual(at(`${deployment}          ima|`), { path: ['spec', 'template', 'spec', 'containers', 0], position: 'key', word: 'ima' });
  assert.deepEqual(at(`${deployment}        - |`), { path: ['spec', 'template', 'spec', 'containers', 1], position: 'key', word: '' });
  assert.deepEqual(at(`${deployment}      |`), { path: ['spec', 'template', 'spec'], position: 'key', word: '' });
});

test('value positions give the key path', () => {
  assert.deepEqual(at(`${deployment}          imagePullPolicy: Al|`), { path: ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy'], position: 'value', word: 'Al' });
  assert.deepEqual(at(`apiVersion: v1\nkind: Service\nspec:\n  type: |`), { path: ['spec', 'type'], position: 'value', word: '' });
});

test('sequences at the same indentation as their key, and second items', () => {
  const text = `kind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n  - name: b\n    |`;
  assert.deepEqual(at(text), { path: ['spec', 'containers', 1], position: 'key', word: '' });
  const nested = `kind: Pod\nspec:\n  containers:\n    - name: a\n      ports:\n        - containerPort: 80\n          |`;
  assert.deepEqual(at(nested), { path: ['spec', 'containers', 0, 'ports', 0], position: 'key', word: '' });
});

test('documents after --- start their own paths', () => {
  assert.deepEqual(at(`kind: A\nspec:\n  x: 1\n---\nkind: B\n|`), { path: [], position: 'key', word: '' });
});
