// Cluster-aware workspace features: the index of the connected cluster's active namespace
// (kubesight/clusterIndex) silences missing targets that exist there and raises the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { ClusterIndex } from '../../server/src/core/workspace/cluster-index';
import type { ClusterIndexParams } from '../../server/src/shared/cluster-protocol';
import { diagnoseWorkspaceFile } from '../../server/src/core/features/diagnostics';
import { complete } from '../../server/src/core/features/completion';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { bundledCatalog } from '../../server/src/io/schema-source';

const catalog = bundledCatalog();
const namespaced = (g: string, k: string) => catalog.entriesForKind(k).find((e) => e.group === g)?.namespaced;

function workspaceOf(files: Record<string, string>, cluster: ClusterIndexParams | null, complete = true): Workspace {
  let ws = Workspace.empty(namespaced, complete);
  for (const [u, text] of Object.entries(files)) ws = ws.withFile(u, text);
  return ws.withCluster(cluster);
}

function check(files: Record<string, string>, cluster: ClusterIndexParams | null, opts: { complete?: boolean; uri?: string } = {}) {
  const uri = opts.uri ?? 'app.yaml';
  const ws = workspaceOf(files, cluster, opts.complete ?? true);
  return diagnoseWorkspaceFile(ws, uri, { catalog, config: DEFAULT_CONFIG })
    .filter((f) => f.ruleId === 'missing-reference' || f.ruleId === 'missing-key')
    .map((f) => ({ rule: f.ruleId, severity: f.severity, text: files[uri].slice(f.start, f.end), message: f.message }));
}

const pod = (namespace: string | undefined, env: string) => `apiVersion: v1
kind: Pod
metadata:
  name: app${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
  containers:
    - name: app
      image: shop/app:1.0.0
      env:
${env}`;

const secretRef = (name: string, key: string) => `        - name: V\n          valueFrom:\n            secretKeyRef: {name: ${name}, key: ${key}}\n`;
const index = (objects: ClusterIndexParams['objects'], namespace = 'shop'): ClusterIndexParams => ({ context: 'kind-dev', namespace, objects });
const dbSecret = { apiVersion: 'v1', kind: 'Secret', name: 'db', keys: ['password', 'user'] };

test('without a cluster index a missing Secret nothing resembles is information', () => {
  const found = check({ 'app.yaml': pod('shop', secretRef('db', 'password')) }, null);
  assert.deepEqual(found, [{ rule: 'missing-reference', severity: 'info', text: 'db', message: 'Secret "db" not found in namespace "shop" of the workspace (1 file) (no similar name there: it may be created outside the repository)' }]);
});

test('a target that exists in the cluster is not reported; its keys satisfy missing-key', () => {
  assert.deepEqual(check({ 'app.yaml': pod('shop', secretRef('db', 'password')) }, index([dbSecret])), []);
  // The object carries its own namespace (an all-namespaces index).
  assert.deepEqual(check({ 'app.yaml': pod('shop', secretRef('db', 'password')) }, index([{ ...dbSecret, namespace: 'shop' }], '')), []);
});

test('a manifest without namespace is looked up in the index namespace', () => {
  assert.deepEqual(check({ 'app.yaml': pod(undefined, secretRef('db', 'password')) }, index([dbSecret])), []);
});

test('with a cluster index, a target in neither the workspace nor the cluster is an error that says so', () => {
  const found = check({ 'app.yaml': pod('shop', secretRef('nowhere', 'x')) }, index([dbSecret]));
  assert.deepEqual(found, [
    {
      rule: 'missing-reference',
      severity: 'error',
      text: 'nowhere',
      message: 'Secret "nowhere" not found in namespace "shop" of the workspace (1 file) or in the cluster (context "kind-dev", namespace "shop")',
    },
  ]);
  // Same name in another namespace of the cluster does not count.
  const elsewhere = check({ 'app.yaml': pod('shop', secretRef('db', 'password')) }, index([{ ...dbSecret, namespace: 'other' }], ''));
  assert.deepEqual(elsewhere.map((f) => [f.rule, f.severity]), [['missing-reference', 'error']]);
});

test('a namespace the index does not cover keeps the workspace-only behaviour', () => {
  const found = check({ 'app.yaml': pod('payments', secretRef('db', 'password')) }, index([dbSecret]));
  assert.deepEqual(found.map((f) => [f.rule, f.severity, f.message]), [['missing-reference', 'info', 'Secret "db" not found in namespace "payments" of the workspace (1 file) (no similar name there: it may be created outside the repository)']]);
});

test('while only some files are open, a target missing from the cluster too stays information', () => {
  const found = check({ 'app.yaml': pod('shop', secretRef('nowhere', 'x')) }, index([]), { complete: false });
  assert.deepEqual(found.map((f) => [f.severity, f.message]), [['info', 'Secret "nowhere" not found in namespace "shop" of the 1 open file or in the cluster (context "kind-dev", namespace "shop")']]);
});

test('cluster-scoped targets: a ClusterRole found in the index; an IngressClass missing everywhere stays information', () => {
  const binding = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}\nsubjects: []\n';
  const reader = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'reader' };
  assert.deepEqual(check({ 'app.yaml': binding }, index([reader])), []);
  assert.deepEqual(check({ 'app.yaml': binding }, index([])).map((f) => [f.severity, f.message]), [['error', 'ClusterRole "reader" not found in the workspace (1 file) or in the cluster (context "kind-dev")']]);
  const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  ingressClassName: nginx\n  defaultBackend: {service: {name: web, port: {number: 80}}}\n';
  const found = check({ 'app.yaml': ingress }, index([{ apiVersion: 'v1', kind: 'Service', name: 'web' }]));
  assert.deepEqual(found.map((f) => [f.severity, f.text]), [['info', 'nginx']]);
  assert.deepEqual(check({ 'app.yaml': ingress }, index([{ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', name: 'nginx' }])), []);
});

test('missing-key: a key the cluster object has is fine; a cluster-only target is judged by its keys', () => {
  const workspaceSecret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\nstringData: {user: u}\n';
  const files = { 'app.yaml': pod('shop', secretRef('db', 'password')), 'secret.yaml': workspaceSecret };
  assert.deepEqual(check(files, null).map((f) => [f.rule, f.message]), [['missing-key', 'key "password" not found in Secret "db" (keys: user)']]);
  assert.deepEqual(check(files, index([dbSecret])), []);
  const clusterOnly = check({ 'app.yaml': pod('shop', secretRef('db', 'token')) }, index([dbSecret]));
  assert.deepEqual(clusterOnly.map((f) => [f.rule, f.severity, f.text, f.message]), [
    ['missing-key', 'warning', 'token', 'key "token" not found in Secret "db" of the cluster (context "kind-dev", namespace "shop") (keys: password, user)'],
  ]);
  // Without keys in the index, nothing is judged.
  assert.deepEqual(check({ 'app.yaml': pod('shop', secretRef('db', 'token')) }, index([{ apiVersion: 'v1', kind: 'Secret', name: 'db' }])), []);
});

test('disconnecting (null) returns to the workspace-only behaviour', () => {
  const files = { 'app.yaml': pod('shop', secretRef('db', 'password')) };
  const connected = workspaceOf(files, index([dbSecret]));
  assert.ok(connected.cluster);
  const disconnected = connected.withCluster(null);
  assert.equal(disconnected.cluster, undefined);
  const found = diagnoseWorkspaceFile(disconnected, 'app.yaml', { catalog, config: DEFAULT_CONFIG }).filter((f) => f.ruleId === 'missing-reference');
  assert.deepEqual(found.map((f) => f.severity), ['info']);
  // Later snapshots keep the index.
  assert.ok(connected.withFile('other.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n').withComplete(false).withoutFile('other.yaml').cluster);
});

test('the index tolerates malformed entries and resolves groups and namespaces', () => {
  const params = {
    context: 'c',
    namespace: 'shop',
    objects: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'a' }, { kind: 'Secret', name: 'x' }, null, { apiVersion: 'v1', kind: 'Secret', name: '' }, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'r', namespace: 'shop' }],
  } as unknown as ClusterIndexParams;
  const cluster = ClusterIndex.from(params, (_g, k) => k !== 'ClusterRole');
  assert.deepEqual(cluster.objects.map((o) => [o.group, o.kind, o.namespace, o.name]), [['', 'ConfigMap', 'shop', 'a'], ['rbac.authorization.k8s.io', 'ClusterRole', '', 'r']]);
  assert.equal(cluster.describe('shop'), 'the cluster (context "c", namespace "shop")');
});

test('completion offers cluster object names and keys, with a detail saying they come from the cluster', () => {
  const local = 'apiVersion: v1\nkind: Secret\nmetadata: {name: local, namespace: shop}\nstringData: {a: b}\n';
  const text = pod('shop', '        - name: V\n          valueFrom:\n            secretKeyRef:\n              name: \n');
  const ws = workspaceOf({ 'app.yaml': text, 'local.yaml': local }, index([dbSecret, { apiVersion: 'v1', kind: 'Secret', name: 'local', keys: ['z'] }]));
  const file = ws.file('app.yaml')!.parsed;
  const names = complete(file, text.indexOf('name: \n') + 6, catalog, ws);
  assert.deepEqual(names.map((e) => [e.label, e.detail]), [
    ['local', 'Secret in local.yaml'],
    ['db', 'Secret in the cluster (context "kind-dev", namespace "shop")'],
  ]);
  const withKey = text.replace('name: \n', 'name: db\n              key: \n');
  const ws2 = ws.withFile('app.yaml', withKey);
  const keys = complete(ws2.file('app.yaml')!.parsed, withKey.indexOf('key: \n') + 5, catalog, ws2);
  assert.deepEqual(keys.map((e) => [e.label, e.detail]), [
    ['password', 'key of Secret db in the cluster (context "kind-dev", namespace "shop")'],
    ['user', 'key of Secret db in the cluster (context "kind-dev", namespace "shop")'],
  ]);
  // Without an index, only the workspace.
  const plain = ws.withCluster(null);
  assert.deepEqual(complete(plain.file('app.yaml')!.parsed, text.indexOf('name: \n') + 6, catalog, plain).map((e) => e.label), ['local']);
});
