// The precompiled validators (dist/validators, built by scripts/build-validators.ts) must judge
// exactly like the run-time compiler, or the CLI and server would disagree with the tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileSchemaSource, findSchemasDir } from '../server/src/io/schema-source';
import { SchemaCatalog } from '../server/src/core/schema/catalog';
import { validateAgainstSchema } from '../server/src/core/schema/validate';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: '2',
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'a', image: 'nginx:1', imagePullPolcy: 'Always', ports: [{ containerPort: 80, protocol: 'TCPX' }], resources: { limits: { memory: '1 GB' } } }] },
    },
  },
};

test('dist/validators exists after the build', () => {
  assert.ok(existsSync('dist/validators/apps/v1/deployment.js'), 'run `npm run build` first');
});

test('precompiled and run-time compiled validators report the same violations', () => {
  const dir = findSchemasDir();
  const precompiled = SchemaCatalog.create(fileSchemaSource(dir));
  const compiled = SchemaCatalog.create(fileSchemaSource(dir, undefined));
  for (const catalog of [precompiled, compiled]) assert.ok(catalog.entry('apps', 'v1', 'Deployment'));
  const results = [precompiled, compiled].map((c) => validateAgainstSchema(c.validator(c.entry('apps', 'v1', 'Deployment')!)!, deployment));
  assert.deepEqual(results[0], results[1]);
  assert.equal(results[0].length, 4);
});
