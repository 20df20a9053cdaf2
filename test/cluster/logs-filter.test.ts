// Logs: since-time through the API's sinceSeconds, and the text filter over fetched and followed
// lines (plain text case-insensitively, or /regex/).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchLogs, followLogs, LineFilter, lineMatcher } from '../../client/src/cluster/logs';
import { startCluster, type ClusterFixture } from './setup';

let cluster: ClusterFixture;
const web = { namespace: 'demo', pod: 'web-7d9f8b6c5d-abcde', container: 'web' };

before(async () => {
  cluster = await startCluster();
});
after(() => cluster.server.close());

test('sinceSeconds keeps only recent lines, as the API server does', async () => {
  cluster.server.appendLog('demo', web.pod, 'web', 'an hour ago', new Date(Date.now() - 3600_000));
  cluster.server.appendLog('demo', web.pod, 'web', 'just now');
  const recent = await fetchLogs(cluster.connect(), web, { sinceSeconds: 300 });
  assert.equal(recent, 'just now\n');
  assert.equal(cluster.server.requests.at(-1)!.query.get('sinceSeconds'), '300');
  const all = await fetchLogs(cluster.connect(), web);
  assert.match(all, /GET \/health[\s\S]*an hour ago\njust now\n$/);
});

test('the filter matches text case-insensitively, or a /regex/', () => {
  const lines = ['GET /health 200', 'POST /login 500', 'get /about 200'];
  assert.deepEqual(lines.filter(lineMatcher('get')), ['GET /health 200', 'get /about 200']);
  assert.deepEqual(lines.filter(lineMatcher('/ 5\\d\\d$/')), ['POST /login 500']);
  assert.deepEqual(lines.filter(lineMatcher('/^get/i')), ['GET /health 200', 'get /about 200']);
  assert.deepEqual(lines.filter(lineMatcher('  ')), lines, 'an empty filter keeps every line');
  assert.throws(() => lineMatcher('/(unclosed/'), /Invalid regular expression/);
});

test('a followed log is filtered line by line, partial lines waiting for their end', async () => {
  const filter = new LineFilter(lineMatcher('error'));
  let shown = '';
  const controller = new AbortController();
  const following = followLogs(cluster.connect(), web, (t) => (shown += filter.push(t)), { tailLines: 0, signal: controller.signal }).catch(() => undefined);
  await new Promise((r) => setTimeout(r, 100));
  cluster.server.appendLog('demo', web.pod, 'web', 'ok line');
  cluster.server.appendLog('demo', web.pod, 'web', 'ERROR: disk full');
  for (let i = 0; i < 50 && !shown; i++) await new Promise((r) => setTimeout(r, 20));
  controller.abort();
  await following;
  assert.equal(shown, 'ERROR: disk full\n');
  assert.equal(filter.push('an error without newline'), '');
  assert.equal(filter.flush(), 'an error without newline');
});
