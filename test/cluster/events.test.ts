// Events of a namespace or object from the API test server: rows, sorting, filtering, Warning
// counts per object, and new events arriving by watch.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { eventRow, followEvents, listEvents, sortAndFilter, warningCounts, type EventRow } from '../../client/src/cluster/events';
import { startCluster, type ClusterFixture } from './setup';

let cluster: ClusterFixture;

before(async () => {
  cluster = await startCluster();
});
after(() => cluster.server.close());

test('a namespace lists its events as rows; an object only its own', async () => {
  const conn = cluster.connect();
  const rows = (await listEvents(conn, { namespace: 'demo' })).map((e) => eventRow(e));
  const backoff = rows.find((r) => r.reason === 'BackOff')!;
  assert.match(backoff.age, /^\d+s$/);
  assert.deepEqual({ ...backoff, uid: '', last: '', age: '' }, { uid: '', type: 'Warning', reason: 'BackOff', object: 'Pod/worker-7d9f8b6c5d-zzzzz', last: '', age: '', count: 31, message: 'Back-off restarting failed container worker in pod worker-7d9f8b6c5d-zzzzz_demo' });
  const own = await listEvents(conn, { namespace: 'demo', involved: { kind: 'Deployment', name: 'api' } });
  assert.deepEqual(own.map((e) => e.reason), ['ScalingReplicaSet']);
  assert.equal(cluster.server.requests.at(-1)!.query.get('fieldSelector'), 'involvedObject.kind=Deployment,involvedObject.name=api');
});

test('rows sort newest first, by type with Warnings first, by count; the filter reads every column', () => {
  const row = (reason: string, type: string, last: string, count = 1): EventRow => ({ uid: reason, type, reason, object: `Pod/${reason.toLowerCase()}`, last, age: '', count, message: `${reason} happened` });
  const rows = [row('Pulled', 'Normal', '2026-12-07T10:00:00Z'), row('Failed', 'Warning', '2026-12-07T09:00:00Z', 4), row('Started', 'Normal', '2026-12-07T11:00:00Z')];
  assert.deepEqual(sortAndFilter(rows).map((r) => r.reason), ['Started', 'Pulled', 'Failed']);
  assert.deepEqual(sortAndFilter(rows, 'type').map((r) => r.reason), ['Failed', 'Started', 'Pulled']);
  assert.deepEqual(sortAndFilter(rows, 'count').map((r) => r.reason), ['Failed', 'Started', 'Pulled']);
  assert.deepEqual(sortAndFilter(rows, 'last', 'WARN').map((r) => r.reason), ['Failed']);
  assert.deepEqual(sortAndFilter(rows, 'last', 'pod/pull').map((r) => r.reason), ['Pulled']);
});

test('Warning counts per object sum the events counts', async () => {
  cluster.server.recordEvent({ kind: 'Pod', name: 'worker-7d9f8b6c5d-zzzzz', namespace: 'demo' }, 'Warning', 'Unhealthy', 'Liveness probe failed', 2);
  const counts = warningCounts(await listEvents(cluster.connect(), { namespace: 'demo' }));
  assert.equal(counts.get('Pod/worker-7d9f8b6c5d-zzzzz'), 33);
  assert.equal(counts.get('Deployment/api'), undefined, 'Normal events are not counted');
});

test('new events arrive by watch, only those of the followed object', async () => {
  const controller = new AbortController();
  const seen: string[][] = [];
  const following = followEvents(cluster.connect(), { namespace: 'demo', involved: { kind: 'Deployment', name: 'web' } }, (rows) => seen.push(rows.map((r) => r.reason)), controller.signal).catch((e) => e.kind);
  for (let i = 0; i < 50 && !seen.length; i++) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 50));
  cluster.server.recordEvent({ kind: 'Pod', name: 'other', namespace: 'demo' }, 'Normal', 'Pulled', 'not about web');
  cluster.server.recordEvent({ kind: 'Deployment', name: 'web', namespace: 'demo' }, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-1 to 4');
  for (let i = 0; i < 50 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
  controller.abort();
  assert.equal(await following, 'cancelled');
  assert.deepEqual(seen, [[], ['ScalingReplicaSet']]);
});
