// The precompiled validators (dist/validators, built by scripts/build-validators.ts) must judge
// exactly like the run-time compiler, or the CLI and server would disagree with the tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Every kind with a pod template, with the path of its PodSpec. */
const POD_TEMPLATE_KINDS: [file: string, apiVersion: string, kind: string, specPath: string[]][] = [
  ['core/v1/pod.json', 'v1', 'Pod', ['spec']],
  ['core/v1/podtemplate.json', 'v1', 'PodTemplate', ['template', 'spec']],
  ['core/v1/replicationcontroller.json', 'v1', 'ReplicationController', ['spec', 'template', 'spec']],
  ['apps/v1/replicaset.json', 'apps/v1', 'ReplicaSet', ['spec', 'template', 'spec']],
  ['apps/v1/deployment.json', 'apps/v1', 'Deployment', ['spec', 'template', 'spec']],
  ['apps/v1/daemonset.json', 'apps/v1', 'DaemonSet', ['spec', 'template', 'spec']],
  ['apps/v1/statefulset.json', 'apps/v1', 'StatefulSet', ['spec', 'template', 'spec']],
  ['batch/v1/job.json', 'batch/v1', 'Job', ['spec', 'template', 'spec']],
  ['batch/v1/cronjob.json', 'batch/v1', 'CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
];

test('dist/validators exists after the build; the pod-template kinds share one module', () => {
  assert.ok(existsSync('dist/validators/index.json'), 'run `npm run build` first');
  const modules = JSON.parse(readFileSync('dist/validators/index.json', 'utf8')) as Record<string, string>;
  const podTemplateKinds = POD_TEMPLATE_KINDS.map(([file]) => modules[file]);
  assert.deepEqual(new Set(podTemplateKinds), new Set(['pod-templates.js']));
  assert.equal(modules['core/v1/service.json'], 'core/v1/service.js');
  for (const module of new Set(Object.values(modules))) assert.ok(existsSync(join('dist/validators', module)), module);
  // The generated code is what the catalog gets (not a silent fallback to compiling).
  const source = fileSchemaSource(findSchemasDir());
  for (const entry of source.index.kinds.filter((k) => k.file)) assert.equal(typeof source.precompiled?.(entry), 'function', entry.file);
});

test('precompiled and run-time compiled validators report the same violations', () => {
  const dir = findSchemasDir();
  const precompiled = SchemaCatalog.create(fileSchemaSource(dir));
  const compiled = SchemaCatalog.create(fileSchemaSource(dir, null));
  for (const catalog of [precompiled, compiled]) assert.ok(catalog.entry('apps', 'v1', 'Deployment'));
  const results = [precompiled, compiled].map((c) => validateAgainstSchema(c.validator(c.entry('apps', 'v1', 'Deployment')!)!, deployment));
  assert.deepEqual(results[0], results[1]);
  assert.equal(results[0].length, 4);
});

test('every pod-template kind judges a broken pod spec the same precompiled (shared module) and compiled', () => {
  const dir = findSchemasDir();
  const precompiled = SchemaCatalog.create(fileSchemaSource(dir));
  const compiled = SchemaCatalog.create(fileSchemaSource(dir, null));
  const podSpec = deployment.spec.template.spec;
  for (const [, apiVersion, kind, specPath] of POD_TEMPLATE_KINDS) {
    const object: Record<string, unknown> = { apiVersion, kind, metadata: { name: 'x' }, extra: 1 };
    let at = object;
    for (const key of specPath.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[specPath[specPath.length - 1]] = podSpec;
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const results = [precompiled, compiled].map((c) => validateAgainstSchema(c.validator(c.entry(group, version, kind)!)!, object));
    assert.deepEqual(results[0], results[1], kind);
    // The unknown top-level field and the pod spec's three violations.
    assert.ok(results[0].length >= 4, `${kind}: ${JSON.stringify(results[0])}`);
  }
});
