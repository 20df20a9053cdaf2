// Commands on live objects: describe, logs, masking, scale, restart, delete — and the safety
// rules: dry run before any write, nothing without confirmation, read-only and prod contexts.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildClusterIndex } from '../../client/src/cluster/cluster-index';
import { describeObject } from '../../client/src/cluster/describe';
import { CONFIGMAP, DEPLOYMENT, SECRET } from '../../client/src/cluster/kinds';
import { fetchLiveBaseline } from '../../client/src/cluster/live-baseline';
import { secretValueDigest } from '../../server/src/shared/secret-digest';
import { fetchLogs, followLogs, workloadLogs } from '../../client/src/cluster/logs';
import { MASK, revealedValue, viewYaml } from '../../client/src/cluster/masking';
import { deleteObject, getObject, restartRollout, scale } from '../../client/src/cluster/operations';
import { confirmationText, WritePolicy, type WriteSummary } from '../../client/src/cluster/safety';
import { findType } from './api-server/resources';
import { startCluster, type ClusterFixture } from './setup';

let f: ClusterFixture;
const DEPLOY = findType('apps', 'v1', 'deployments')!;
const SECRET_VALUES = ['s3cr3t-Pa55', Buffer.from('s3cr3t-Pa55').toString('base64')];
const policy = new WritePolicy(['*-readonly']);
const asked: WriteSummary[] = [];
const answer = (ok: boolean) => async (s: WriteSummary) => (asked.push(s), ok);

before(async () => {
  f = await startCluster([{ name: 'test', namespace: 'demo' }, { name: 'shared-readonly', namespace: 'demo' }, { name: 'eu-prod', namespace: 'demo' }]);
});
after(() => f.server.close());
beforeEach(() => {
  asked.length = 0;
});

const realWrites = () => f.server.writes().filter((r) => r.query.get('dryRun') !== 'All');

test('describe a failing workload: conditions, pods, restart reasons, warning events', async () => {
  const text = await describeObject(f.connect(), DEPLOYMENT, 'demo', 'worker');
  assert.match(text, /^# Deployment demo\/worker/);
  assert.match(text, /\| Available \| False \| MinimumReplicasUnavailable \|/);
  assert.match(text, /worker-7d9f8b6c5d-zzzzz\*\* — failed: CrashLoopBackOff/);
  assert.match(text, /last terminated: Error exit code 1 — SQLSTATE\[HY000\] \[2002\] Connection refused/);
  assert.match(text, /\| Warning \| BackOff \| Pod\/worker-7d9f8b6c5d-zzzzz \|/);
});

test('secret values are masked in the YAML view and describe until one key is revealed', async () => {
  const secret = await getObject(f.connect(), { kind: SECRET, namespace: 'demo', name: 'db-credentials' });
  const masked = viewYaml(secret);
  for (const v of SECRET_VALUES) assert.ok(!masked.includes(v));
  assert.match(masked, new RegExp(`DB_PASSWORD: ${MASK}`));
  assert.ok(!masked.includes('managedFields'));
  const one = viewYaml(secret, new Set(['DB_USER']));
  assert.match(one, /DB_USER: directus/);
  assert.ok(!one.includes(SECRET_VALUES[0]));
  assert.equal(revealedValue(secret, 'DB_PASSWORD'), 's3cr3t-Pa55');
  const described = await describeObject(f.connect(), SECRET, 'demo', 'db-credentials');
  for (const v of SECRET_VALUES) assert.ok(!described.includes(v));
  assert.match(described, /\| DB_PASSWORD \| 11 bytes \|/);
});

test('the cluster index has names and keys, never secret values', async () => {
  const index = await buildClusterIndex(f.connect(), 'demo');
  assert.equal(index.kubernetesVersion, 'v1.35.0', 'the index carries the cluster\'s /version');
  const secret = index.objects.find((o) => o.kind === 'Secret' && o.name === 'db-credentials');
  assert.deepEqual(secret?.keys, ['DB_PASSWORD', 'DB_USER']);
  assert.deepEqual(index.objects.find((o) => o.kind === 'ConfigMap')?.keys, ['APP_ENV', 'DB_HOST']);
  assert.deepEqual(index.objects.find((o) => o.kind === 'Service')?.ports, [{ name: 'http', port: 80 }]);
  assert.ok(index.objects.some((o) => o.kind === 'IngressClass' && o.name === 'nginx'));
  const json = JSON.stringify(index);
  for (const v of SECRET_VALUES) assert.ok(!json.includes(v));
});

test('logs: one container with tail and previous, all pods of a workload, follow', async () => {
  assert.equal(await fetchLogs(f.connect(), { namespace: 'demo', pod: 'web-7d9f8b6c5d-abcde', container: 'web' }, { tailLines: 1 }), '10.244.0.1 - - "GET /about HTTP/1.1" 200\n');
  assert.match(await fetchLogs(f.connect(), { namespace: 'demo', pod: 'worker-7d9f8b6c5d-zzzzz', container: 'worker' }, { previous: true }), /Connection refused/);
  const web = await getObject(f.connect(), { kind: DEPLOYMENT, namespace: 'demo', name: 'web' });
  const all = await workloadLogs(f.connect(), web);
  assert.match(all, /^\[web-7d9f8b6c5d-abcde\/web\] 10\.244\.0\.1 - - "GET \/ HTTP\/1\.1" 200$/m);
  assert.match(all, /^\[web-7d9f8b6c5d-fghij\/web\] 10\.244\.0\.2/m);
  const controller = new AbortController();
  let received = '';
  const following = followLogs(f.connect(), { namespace: 'demo', pod: 'web-7d9f8b6c5d-fghij', container: 'web' }, (t) => {
    received += t;
    if (received.includes('new line')) controller.abort();
  }, { signal: controller.signal }).catch((e) => e);
  await new Promise((r) => setTimeout(r, 100));
  f.server.appendLog('demo', 'web-7d9f8b6c5d-fghij', 'web', 'new line');
  const end = await following;
  assert.equal(end.kind, 'cancelled');
  assert.match(received, /GET \/ HTTP[\s\S]*new line/);
});

test('scale: a dry run, then the question, and nothing changes when declined', async () => {
  const before = realWrites().length;
  assert.equal(await scale(f.connect(), policy, answer(false), { kind: DEPLOYMENT, namespace: 'demo', name: 'web' }, 5), false);
  assert.equal(realWrites().length, before, 'declined: no write');
  assert.equal(f.server.writes().at(-1)!.query.get('dryRun'), 'All', 'the dry run came first');
  assert.equal(asked[0].context, 'test');
  assert.deepEqual(asked[0].objects, ['deployment.apps/web']);
  assert.equal(await scale(f.connect(), policy, answer(true), { kind: DEPLOYMENT, namespace: 'demo', name: 'web' }, 5), true);
  assert.equal(f.server.store.get(DEPLOY, 'demo', 'web')!.spec.replicas, 5);
});

test('restart sets the restartedAt annotation on the pod template', async () => {
  await restartRollout(f.connect(), policy, answer(true), { kind: DEPLOYMENT, namespace: 'demo', name: 'api' }, new Date('2026-11-29T12:00:00Z'));
  assert.equal(f.server.store.get(DEPLOY, 'demo', 'api')!.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt'], '2026-11-29T12:00:00.000Z');
});

test('delete names what goes with it and asks first', async () => {
  assert.equal(await deleteObject(f.connect(), policy, answer(false), { kind: DEPLOYMENT, namespace: 'demo', name: 'worker' }), false);
  assert.ok(f.server.store.get(DEPLOY, 'demo', 'worker'));
  assert.deepEqual(asked[0].consequences, ['Its 1 pod (worker-7d9f8b6c5d-zzzzz) is deleted too.']);
  assert.match(confirmationText(asked[0]), /^Delete in context "test", namespace "demo":\ndeployment\.apps\/worker/);
  assert.equal(await deleteObject(f.connect(), policy, answer(true), { kind: CONFIGMAP, namespace: 'demo', name: 'app-config' }), true);
  assert.equal(f.server.store.get(findType('', 'v1', 'configmaps')!, 'demo', 'app-config'), undefined);
});

test('read-only contexts refuse every write before any request; prod contexts ask for the name', async () => {
  const before = f.server.writes().length;
  await assert.rejects(scale(f.connect('shared-readonly'), policy, answer(true), { kind: DEPLOYMENT, namespace: 'demo', name: 'web' }, 1), /read-only/);
  await assert.rejects(deleteObject(f.connect('shared-readonly'), policy, answer(true), { kind: SECRET, namespace: 'demo', name: 'db-credentials' }), /read-only/);
  assert.equal(f.server.writes().length, before, 'not even a dry run');
  assert.equal(asked.length, 0);
  await scale(f.connect('eu-prod'), policy, answer(false), { kind: DEPLOYMENT, namespace: 'demo', name: 'web' }, 1);
  assert.equal(asked[0].typeToConfirm, 'eu-prod');
});

test('the live baseline holds the live objects of the file (no status, no managedFields, no Secret value)', async () => {
  const manifests = [
    { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-credentials' } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'not-there' } },
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
  ];
  const baseline = await fetchLiveBaseline(f.connect(), manifests, 'demo');
  assert.equal(baseline.context, 'test');
  assert.deepEqual(baseline.objects.map((o) => `${o.kind}/${o.metadata.name}`), ['Job/migrate', 'Secret/db-credentials']);
  assert.equal(baseline.objects[0].status, undefined);
  assert.equal(baseline.objects[0].metadata.managedFields, undefined);
  assert.equal(baseline.objects[0].spec.template.spec.containers[0].image, 'ghcr.io/acme/api:2.4.1');
  // The Secret's keys and type come along; its values only as digests with this baseline's key.
  const secret = baseline.objects[1];
  assert.deepEqual(Object.keys(secret.data), ['DB_PASSWORD', 'DB_USER']);
  assert.equal(secret.data.DB_PASSWORD, secretValueDigest(baseline.secretDigestKey!, SECRET_VALUES[1], 'base64'));
  for (const value of SECRET_VALUES) assert.ok(!JSON.stringify(baseline).includes(value), 'no Secret value in what the server gets');
});
