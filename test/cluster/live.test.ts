// Manifests that know the cluster (issue 10): live status per object, drift limited to the fields
// the file sets, "why isn't it ready", recreate after an immutable conflict, rollout following,
// and export of a live object as a clean manifest.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { planApply } from '../../client/src/cluster/apply';
import { Discovery } from '../../client/src/cluster/discovery';
import { exportManifest } from '../../client/src/cluster/export';
import { liveState } from '../../client/src/cluster/live-status';
import { whyNotReady } from '../../client/src/cluster/readiness';
import { followRollout, recreate } from '../../client/src/cluster/recreate';
import { WritePolicy } from '../../client/src/cluster/safety';
import { lineOfPath, locateManifests } from '../../client/src/cluster/yaml-locations';
import { findType } from './api-server/resources';
import { startCluster, type ClusterFixture } from './setup';

let f: ClusterFixture;
const DEPLOY = findType('apps', 'v1', 'deployments')!;
const JOB = findType('batch', 'v1', 'jobs')!;

const deployment = (name: string, image: string, extra = '') => parse(`apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${name === 'web' ? 3 : name === 'worker' ? 1 : 3}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: ${name}
          image: ${image}
          ports: [{name: http, containerPort: 8080}]
          envFrom: [{configMapRef: {name: app-config}}]
${extra}`);

before(async () => {
  f = await startCluster();
});
after(() => f.server.close());

const state = (manifest: Record<string, unknown>) => liveState(f.connect(), new Discovery(f.connect()), manifest, 'demo');

test('status texts: ready, progressing, failing pods, not in cluster, drift', async () => {
  assert.equal((await state(deployment('web', 'nginx:1.27.3'))).text, '3/3 ready');
  assert.equal((await state(deployment('api', 'ghcr.io/acme/api:2.4.1'))).text, 'progressing 1/3');
  assert.equal((await state(deployment('worker', 'ghcr.io/acme/api:2.4.1'))).text, 'failed: CrashLoopBackOff');
  assert.equal((await state(deployment('fresh', 'nginx:1.27.3'))).text, 'not in cluster');
  const elsewhere = { ...deployment('fresh', 'nginx:1.27.3'), metadata: { name: 'fresh', namespace: 'shop' } };
  assert.equal((await state(elsewhere)).text, 'not in cluster · namespace "shop" does not exist yet');
  const drifted = await state(deployment('web', 'nginx:1.28.0'));
  assert.equal(drifted.text, '3/3 ready · 1 field differs');
  assert.deepEqual(drifted.plan.changes.map((c) => [c.path, c.before, c.after]), [['spec.template.spec.containers[web].image', 'nginx:1.27.3', 'nginx:1.28.0']]);
  const job = parse('apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: migrate, image: "ghcr.io/acme/api:2.4.1", command: [php, artisan, migrate, --force]}]\n');
  assert.equal((await state(job)).text, 'complete 1/1');
});

test('a field the file adds with its default value is not drift', async () => {
  const withDefaults = deployment('web', 'nginx:1.27.3', '          imagePullPolicy: IfNotPresent\n          terminationMessagePolicy: File\n      restartPolicy: Always\n      dnsPolicy: ClusterFirst\n');
  const s = await state(withDefaults);
  assert.equal(s.plan.outcome, 'unchanged');
  assert.equal(s.text, '3/3 ready');
});

test('why is it not ready: unmet conditions, failing pods with reasons, warning events', async () => {
  const live = await f.connect().request<Record<string, unknown>>({ path: '/apis/apps/v1/namespaces/demo/deployments/worker' });
  const text = await whyNotReady(f.connect(), live);
  assert.match(text, /^\*\*Deployment worker: failed: CrashLoopBackOff\*\*/);
  assert.match(text, /- Available=False \(MinimumReplicasUnavailable\)/);
  assert.match(text, /- worker-7d9f8b6c5d-zzzzz: CrashLoopBackOff/);
  assert.match(text, /worker last exited 1 \(Error\): SQLSTATE\[HY000\] \[2002\] Connection refused/);
  assert.match(text, /Pod\/worker-7d9f8b6c5d-zzzzz BackOff: Back-off restarting failed container/);
});

test('an immutable conflict is planned as such and recreate replaces the Job after confirmation', async () => {
  const job = parse('apiVersion: batch/v1\nkind: Job\nmetadata: {name: migrate}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: migrate, image: "ghcr.io/acme/api:2.5.0", command: [php, artisan, migrate, --force]}]\n');
  const [planned] = (await planApply(f.connect(), [job], 'demo')).objects;
  assert.equal(planned.outcome, 'immutable');
  const oldUid = f.server.store.get(JOB, 'demo', 'migrate')!.metadata.uid;
  const asked: string[][] = [];
  assert.equal(await recreate(f.connect(), new WritePolicy([]), async (s) => (asked.push(s.consequences), false), planned), false);
  assert.equal(f.server.store.get(JOB, 'demo', 'migrate')!.metadata.uid, oldUid, 'declined: untouched');
  assert.match(asked[0].join(' '), /deleted and created again from the file because .*field is immutable.*Its pods are deleted and the Job runs again/);
  assert.equal(await recreate(f.connect(), new WritePolicy([]), async () => true, planned, { pollMs: 10 }), true);
  const recreated = f.server.store.get(JOB, 'demo', 'migrate')!;
  assert.notEqual(recreated.metadata.uid, oldUid);
  assert.equal(recreated.spec.template.spec.containers[0].image, 'ghcr.io/acme/api:2.5.0');
});

test('following a rollout reports each status until ready', async () => {
  const [planned] = (await planApply(f.connect(), [deployment('api', 'ghcr.io/acme/api:2.4.1')], 'demo')).objects;
  const seen: string[] = [];
  const following = followRollout(f.connect(), planned, (s) => seen.push(s.text), { pollMs: 20, timeoutMs: 5000 });
  await new Promise((r) => setTimeout(r, 60));
  const live = f.server.store.get(DEPLOY, 'demo', 'api')!;
  f.server.store.replace(DEPLOY, { ...live, status: { ...live.status, readyReplicas: 3, availableReplicas: 3 } });
  const final = await following;
  assert.equal(final.text, '3/3 ready');
  assert.deepEqual(seen, ['progressing 1/3', '3/3 ready']);
});

test('export: a live object becomes a clean manifest without status, server metadata or defaults', async () => {
  const live = await f.connect().request<Record<string, any>>({ path: '/apis/apps/v1/namespaces/demo/deployments/web' }); // eslint-disable-line @typescript-eslint/no-explicit-any
  const clean = exportManifest(live);
  assert.deepEqual(Object.keys(clean), ['apiVersion', 'kind', 'metadata', 'spec']);
  assert.deepEqual(Object.keys(clean.metadata).sort(), ['labels', 'name', 'namespace']);
  assert.deepEqual(Object.keys(clean.spec).sort(), ['replicas', 'selector', 'template']);
  const container = clean.spec.template.spec.containers[0];
  assert.deepEqual(container, { name: 'web', image: 'nginx:1.27.3', ports: [{ name: 'http', containerPort: 8080 }], envFrom: [{ configMapRef: { name: 'app-config' } }] });
  assert.deepEqual(Object.keys(clean.spec.template.spec), ['containers']);
  const service = exportManifest(await f.connect().request({ path: '/api/v1/namespaces/demo/services/web' }));
  assert.deepEqual(service.spec, { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] });
});

test('lens and drift locations: the kind line of each object and the line of a changed field', async () => {
  const text = '# app\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n        - name: sidecar\n          image: envoy:1.31\n        - name: web\n          image: nginx:1.28.0\n---\nnot: kubernetes\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\n';
  const located = locateManifests(text);
  assert.deepEqual(located.manifests.map((m) => [m.manifest.kind, m.kindLine]), [['Deployment', 2], ['Service', 16]]);
  assert.equal(lineOfPath(located, located.manifests[0].doc, ['spec', 'template', 'spec', 'containers', { name: 'web' }, 'image']), 11);
  assert.equal(lineOfPath(located, located.manifests[0].doc, ['spec', 'replicas']), 4, 'a field the file lacks marks its nearest parent');
});
