// Connecting: kubeconfig discovery and merging (never written), auth (token, exec plugin with
// consent), untrusted workspaces, and every failure mode mapped to a ClusterError.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterConnection, ClusterError, redact } from '../../client/src/cluster/connection';
import { kubeconfigPaths, loadKubeconfig } from '../../client/src/cluster/kubeconfig';
import { startCluster, type ClusterFixture } from './setup';

let f: ClusterFixture;
let fingerprint: string;
const fingerprintOf = (file: string) => `${createHash('sha256').update(readFileSync(file)).digest('hex')}:${statSync(file).mtimeMs}`;

before(async () => {
  f = await startCluster([
    { name: 'test', namespace: 'demo' },
    { name: 'with-token', namespace: 'demo', token: 'good-token' },
    { name: 'down', server: 'http://127.0.0.1:9' },
  ]);
  fingerprint = fingerprintOf(f.kubeconfigFile);
});
after(async () => {
  assert.equal(fingerprintOf(f.kubeconfigFile), fingerprint, 'the kubeconfig file is never written');
  await f.server.close();
});

const errorOf = async (p: Promise<unknown>): Promise<ClusterError> => {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ClusterError, String(e));
    return e;
  }
  assert.fail('expected a ClusterError');
};

test('kubeconfig paths: setting, then every KUBECONFIG file, then ~/.kube/config', () => {
  assert.deepEqual(kubeconfigPaths({ setting: '~/k.yaml', KUBECONFIG: '/a:/b', home: '/h' }), ['/h/k.yaml']);
  assert.deepEqual(kubeconfigPaths({ KUBECONFIG: '/a:/b:/a', home: '/h' }), ['/a', '/b']);
  assert.deepEqual(kubeconfigPaths({ home: '/h' }), ['/h/.kube/config']);
});

test('several kubeconfig files merge like kubectl: the first definition wins', () => {
  const second = join(f.dir, 'second');
  writeFileSync(second, f.server.kubeconfig([{ name: 'test', namespace: 'other' }, { name: 'extra' }], 'extra'));
  const merged = loadKubeconfig([f.kubeconfigFile, second, join(f.dir, 'missing')], existsSync);
  assert.deepEqual(merged.contexts.map((c) => c.name), ['test', 'with-token', 'down', 'extra']);
  assert.equal(merged.contexts[0].namespace, 'demo');
  assert.equal(merged.currentContext, 'test');
  assert.deepEqual(merged.problems, []);
  const broken = join(f.dir, 'broken');
  writeFileSync(broken, 'clusters: [ {');
  assert.match(loadKubeconfig([broken], existsSync).problems[0].message, /cannot read/);
  assert.match(loadKubeconfig([join(f.dir, 'nope')], existsSync).problems[0].message, /no kubeconfig at/);
});

test('a context with a token authenticates; a wrong token is Unauthorized without showing it', async () => {
  f.server.token = 'good-token';
  try {
    const ns = await f.connect('with-token').request<{ items: unknown[] }>({ path: '/api/v1/namespaces' });
    assert.equal(ns.items.length, 3);
    assert.equal(f.server.requests.at(-1)!.authorization, 'Bearer good-token');
    const e = await errorOf(f.connect('test').request({ path: '/api/v1/namespaces' }));
    assert.equal(e.kind, 'unauthorized');
    assert.match(e.message, /rejected the credentials of user "test"/);
  } finally {
    f.server.token = undefined;
  }
});

test('an unreachable server, a slow one, a cancelled request and a 500 each give a clear error', async () => {
  assert.equal((await errorOf(f.connect('down').request({ path: '/api/v1/namespaces' }))).kind, 'unreachable');
  f.server.fault = { delayMs: 3000 };
  try {
    const started = Date.now();
    const e = await errorOf(f.connect('test', { timeoutMs: 300 }).request({ path: '/api/v1/namespaces' }));
    assert.equal(e.kind, 'timeout');
    assert.ok(Date.now() - started < 2500, 'the timeout, not the server, ends the request');
    const controller = new AbortController();
    const pending = f.connect('test').request({ path: '/api/v1/namespaces', signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    assert.equal((await errorOf(pending)).kind, 'cancelled');
  } finally {
    f.server.fault = undefined;
  }
  f.server.fault = { status: 500 };
  try {
    const e = await errorOf(f.connect('test').request({ path: '/api/v1/namespaces' }));
    assert.equal(e.kind, 'server');
    assert.match(e.message, /500: Internal error occurred/);
  } finally {
    f.server.fault = undefined;
  }
});

test('untrusted workspaces make no cluster call at all', () => {
  const before = f.server.requests.length;
  assert.throws(() => ClusterConnection.open(f.kubeconfig, 'test', { trusted: false, allowExec: () => true }), (e: ClusterError) => e.kind === 'untrusted');
  assert.equal(f.server.requests.length, before);
});

test('an exec credential plugin runs only after consent, and its token is used', async () => {
  const marker = join(f.dir, 'plugin-ran');
  const plugin = join(f.dir, 'plugin.js');
  writeFileSync(plugin, `require('fs').writeFileSync(${JSON.stringify(marker)}, 'yes');\nconsole.log(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'from-exec' } }));\n`);
  const file = join(f.dir, 'exec-config');
  writeFileSync(file, f.server.kubeconfig([{ name: 'exec', namespace: 'demo', exec: { command: process.execPath, args: [plugin] } }]));
  const kc = loadKubeconfig([file], existsSync);
  assert.deepEqual(kc.contexts[0].exec, { command: process.execPath, args: [plugin], source: file });
  const asked: string[] = [];
  const before = f.server.requests.length;
  const refused = ClusterConnection.open(kc, 'exec', { trusted: true, allowExec: (p) => (asked.push(p.command), false) });
  const e = await errorOf(refused.request({ path: '/api/v1/namespaces' }));
  assert.equal(e.kind, 'exec-consent');
  assert.match(e.message, /plugin\.js/);
  assert.equal(existsSync(marker), false, 'the plugin did not run');
  assert.equal(f.server.requests.length, before, 'no request without credentials');
  assert.deepEqual(asked, [process.execPath]);
  f.server.token = 'from-exec';
  try {
    const allowed = ClusterConnection.open(kc, 'exec', { trusted: true, allowExec: () => true });
    const ns = await allowed.request<{ items: unknown[] }>({ path: '/api/v1/namespaces' });
    assert.equal(ns.items.length, 3);
    assert.equal(existsSync(marker), true);
  } finally {
    f.server.token = undefined;
  }
});

test('credentials never reach a message: tokens are redacted', () => {
  assert.equal(redact('exec plugin failed: Bearer abcdef123456 rejected'), 'exec plugin failed: Bearer <redacted> rejected');
  assert.equal(redact('token: "s3cr3tT0ken.value"'), 'token: "<redacted>"');
  assert.equal(redact('no secret here'), 'no secret here');
});
