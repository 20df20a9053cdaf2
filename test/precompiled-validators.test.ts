// The precompiled validators (dist/validators, built by scripts/build-validators.ts) must judge
// exactly like the run-time compiler, or the CLI and server would disagree with the tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledSchemas, findSchemasDir } from '../server/src/io/schema-source';
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

test('dist/validators exists after the build; each version\'s pod-template kinds share one module', () => {
  assert.ok(existsSync('dist/validators/index.json'), 'run `npm run build` first');
  const modules = JSON.parse(readFileSync('dist/validators/index.json', 'utf8')) as Record<string, string>;
  for (const module of new Set(Object.values(modules))) assert.ok(existsSync(join('dist/validators', module)), module);
  const bundled = bundledSchemas(findSchemasDir());
  for (const version of bundled.versions) {
    const source = bundled.source(version)!;
    const byFile = new Map(source.index.kinds.map((k) => [k.file, k]));
    const podTemplateModules = POD_TEMPLATE_KINDS.map(([file]) => modules[byFile.get(file)!.hash!]);
    assert.equal(new Set(podTemplateModules).size, 1, version);
    assert.match(podTemplateModules[0], /^pod-templates\.[0-9a-f]{16}\.js$/);
    assert.match(modules[byFile.get('core/v1/service.json')!.hash!], /^core\/v1\/service\.[0-9a-f]{16}\.js$/);
    // The generated code is what the catalog gets (not a silent fallback to compiling).
    for (const entry of source.index.kinds) assert.equal(typeof source.precompiled?.(entry), 'function', `${version} ${entry.file}`);
  }
});

test('precompiled and run-time compiled validators report the same violations, in every version', () => {
  const dir = findSchemasDir();
  const [withCode, without] = [bundledSchemas(dir), bundledSchemas(dir, null)];
  for (const version of withCode.versions) {
    const precompiled = SchemaCatalog.create(withCode.source(version)!);
    const compiled = SchemaCatalog.create(without.source(version)!);
    assert.equal(without.source(version)!.precompiled, undefined, 'the second catalog must compile');
    const results = [precompiled, compiled].map((c) => validateAgainstSchema(c.validator(c.entry('apps', 'v1', 'Deployment')!)!, deployment));
    assert.deepEqual(results[0], results[1], version);
    assert.equal(results[0].length, 4, version);
  }
});

test('every pod-template kind judges a broken pod spec the same precompiled (shared module) and compiled', () => {
  const dir = findSchemasDir();
  const [withCode, without] = [bundledSchemas(dir), bundledSchemas(dir, null)];
  for (const version of [withCode.versions[0], withCode.versions[withCode.versions.length - 1]]) {
    const precompiled = SchemaCatalog.create(withCode.source(version)!);
    const compiled = SchemaCatalog.create(without.source(version)!);
    const podSpec = deployment.spec.template.spec;
    for (const [, apiVersion, kind, specPath] of POD_TEMPLATE_KINDS) {
      const object: Record<string, unknown> = { apiVersion, kind, metadata: { name: 'x' }, extra: 1 };
      let at = object;
      for (const key of specPath.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
      at[specPath[specPath.length - 1]] = podSpec;
      const [group, version_] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
      const results = [precompiled, compiled].map((c) => validateAgainstSchema(c.validator(c.entry(group, version_, kind)!)!, object));
      assert.deepEqual(results[0], results[1], `${version} ${kind}`);
      // The unknown top-level field and the pod spec's three violations.
      assert.ok(results[0].length >= 4, `${version} ${kind}: ${JSON.stringify(results[0])}`);
    }
  }
});
