// The shared defaults table (server/src/shared/api-defaults.ts): the pull-policy rule of §16.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultImagePullPolicy } from '../../server/src/shared/api-defaults';

test('imagePullPolicy default: Always for `latest` or neither tag nor digest, else IfNotPresent', () => {
  const cases: [string, string][] = [
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.27.3', 'IfNotPresent'],
    ['registry.local:5000/shop/api', 'Always'],
    ['registry.local:5000/shop/api:2.4.1', 'IfNotPresent'],
    ['nginx@sha256:abc', 'IfNotPresent'],
    ['nginx:1.27.3@sha256:abc', 'IfNotPresent'],
    ['nginx:latest@sha256:abc', 'Always'],
  ];
  assert.deepEqual(cases.map(([image]) => [image, defaultImagePullPolicy(image)]), cases);
});
