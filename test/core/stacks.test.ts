// Stack detection: which application a workload runs, from image, command, env (ConfigMaps
// included with a workspace) and labels; and the hover note that says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/core/model/parse';
import { resourcesOfFile } from '../../server/src/core/model/resource';
import { detectApp } from '../../server/src/core/stacks/detect';
import { resolvedEnv } from '../../server/src/core/stacks/env';
import { ResourceFacts } from '../../server/src/core/rules/facts';
import { hover } from '../../server/src/core/features/hover';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { bundledCatalog } from '../../server/src/io/schema-source';

const workload = (containers: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app${extra}
spec:
  selector: {matchLabels: {app: x}}
  template:
    metadata: {labels: {app: x}}
    spec:
      containers:
${containers}`;

const detect = (text: string, ws?: Workspace) => {
  const app = detectApp(resourcesOfFile(parseFile(text))[0], ws);
  return app ? `${app.app}${app.role ? `/${app.role}` : ''}` : 'none';
};

test('images name databases, caches, web servers and Directus', () => {
  assert.equal(detect(workload('        - {name: c, image: directus/directus:11.5.1}')), 'directus');
  assert.equal(detect(workload('        - {name: c, image: docker.io/bitnami/mariadb:11.4}')), 'mariadb');
  assert.equal(detect(workload('        - {name: c, image: postgres:17.2-alpine}')), 'postgres');
  assert.equal(detect(workload('        - {name: c, image: mongo:8.0}')), 'mongodb');
  assert.equal(detect(workload('        - {name: c, image: redis:7.4}')), 'redis');
  assert.equal(detect(workload('        - {name: c, image: nginxinc/nginx-unprivileged:1.27}')), 'nginx');
  assert.equal(detect(workload('        - {name: c, image: shop/postgres-backup-tool:1.0}')), 'none', 'a name inside a longer image name is not enough');
});

test('Laravel roles come from the artisan command', () => {
  assert.equal(detect(workload('        - {name: c, image: shop/api:1.4.2, command: [php, artisan, queue:work, --tries=3]}')), 'laravel/worker');
  assert.equal(detect(workload('        - {name: c, image: shop/api:1.4.2, args: [sh, -c, "php artisan migrate --force"]}')), 'laravel/migrate');
  assert.equal(detect(workload('        - {name: c, image: shop/api:1.4.2, command: [php, artisan, schedule:run]}')), 'laravel/scheduler');
  assert.equal(detect(workload('        - {name: c, image: shop/api:1.4.2, command: [php, artisan, horizon]}')), 'laravel/worker');
});

test('env names, also from a ConfigMap in the workspace, recognise Laravel and Directus', () => {
  const laravel = workload('        - name: c\n          image: shop/api:1.4.2\n          envFrom: [{configMapRef: {name: env}}]\n          env: [{name: APP_KEY, valueFrom: {secretKeyRef: {name: s, key: k}}}]');
  assert.equal(detect(laravel), 'none', 'APP_KEY alone could be anything');
  const ws = Workspace.empty(undefined, true).withFile('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: env}\ndata: {APP_ENV: production, DB_CONNECTION: mysql}\n');
  assert.equal(detect(laravel, ws), 'laravel/api');
  assert.equal(detect(workload('        - name: c\n          image: acme/cms:3\n          env: [{name: KEY, value: k}, {name: SECRET, value: s}, {name: DB_CLIENT, value: pg}]')), 'directus');
  assert.equal(detect(workload('        - {name: c, image: acme/site:3}', '\n  labels: {app.kubernetes.io/name: directus}')), 'directus');
});

test('hover on kind names the application and links its deployment guide', () => {
  const text = workload('        - {name: c, image: directus/directus:11.5.1}');
  const result = hover(parseFile(text), text.indexOf('Deployment') + 2, bundledCatalog());
  assert.match(result!.contents, /\*\*Kubesight:\*\* runs Directus \(headless CMS\) \(recognised by image directus\/directus:11\.5\.1\)\. \[Deployment guide\]\(https:\/\/directus\.io\//);
  const plain = workload('        - {name: c, image: acme/site:3}');
  assert.doesNotMatch(hover(parseFile(plain), plain.indexOf('Deployment') + 2, bundledCatalog())!.contents, /Kubesight:/);
});

test('ConfigMap values reach env as the kubelet sets them: scalars only, own keys only', () => {
  const ws = Workspace.empty(undefined, true).withFile('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: env}\ndata: {DB_PORT: 3306, DEBUG: true, NESTED: {a: 1}}\n');
  const text = workload('        - name: c\n          image: shop/api:1\n          envFrom: [{configMapRef: {name: env}, prefix: X_}]\n          env:\n            - {name: PORT, valueFrom: {configMapKeyRef: {name: env, key: DB_PORT}}}\n            - {name: CTOR, valueFrom: {configMapKeyRef: {name: env, key: constructor}}}');
  const resource = resourcesOfFile(parseFile(text))[0];
  const container = resource.value.spec as { template: { spec: { containers: Record<string, unknown>[] } } };
  const env = resolvedEnv(resource, container.template.spec.containers[0], ['spec', 'template', 'spec', 'containers', 0], ws);
  assert.deepEqual([...env].map(([k, v]) => [k, v.value, v.source]), [
    ['X_DB_PORT', '3306', 'configmap'],
    ['X_DEBUG', 'true', 'configmap'],
    ['PORT', '3306', 'configmap'],
    ['CTOR', undefined, 'configmap'],
  ]);
});

test('rules share one detection per object: the facts of an analysis are computed once', () => {
  const ws = Workspace.empty(undefined, true).withFile('d.yaml', workload('        - {name: c, image: directus/directus:11.5.1}'));
  const resource = resourcesOfFile(ws.file('d.yaml')!.parsed)[0];
  const facts = new ResourceFacts(ws);
  const first = facts.appsOf(resource);
  assert.equal(first[0].app, 'directus');
  assert.equal(facts.appsOf(resource), first, 'the second rule gets the same list, not a new detection');
  assert.equal(facts.envOf(resource, first[0].container), facts.envOf(resource, first[0].container));
});
