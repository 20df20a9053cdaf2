// Port-forwarding through the API test server: bytes both ways, Service and workload resolution
// (named target ports too), 127.0.0.1 only, a new pod after the old one went away, and the
// error channel's message.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { containerPortOf, forwardablePorts, resolveForwardTarget } from '../../client/src/cluster/forward-target';
import { PortForward, PortForwardRegistry } from '../../client/src/cluster/port-forward';
import { findType } from './api-server/resources';
import { readyPod, startCluster, type ClusterFixture } from './setup';

let cluster: ClusterFixture;

const shop = (name: string) => readyPod(name, { app: 'shop' }, [{ name: 'app', image: 'ghcr.io/acme/shop:1.0', ports: [{ name: 'web', containerPort: 3000 }] }, { name: 'metrics', image: 'prom/exporter:1', ports: [{ containerPort: 9100 }] }]);

before(async () => {
  cluster = await startCluster();
  cluster.server.seed(shop('shop-1'));
  cluster.server.seed({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'shop', namespace: 'demo' }, spec: { replicas: 1, selector: { matchLabels: { app: 'shop' } }, template: { metadata: { labels: { app: 'shop' } }, spec: { containers: shop('x').spec.containers } } } });
  cluster.server.seed({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'shop', namespace: 'demo' }, spec: { selector: { app: 'shop' }, ports: [{ name: 'http', port: 80, targetPort: 'web' }, { name: 'metrics', port: 9100, targetPort: 9100 }] } });
});
after(() => cluster.server.close());

/** Sends `data` through a local connection and reads until as many bytes came back (the pod echoes). */
function roundTrip(port: number, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const socket = connect(port, '127.0.0.1', () => socket.write(data));
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      received += c.length;
      if (received >= data.length) {
        socket.end();
        resolve(Buffer.concat(chunks));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => received < data.length && reject(new Error(`closed after ${received} of ${data.length} bytes`)));
  });
}

const get = (plural: string, name: string, group = '') => cluster.server.store.get(findType(group, 'v1', plural)!, 'demo', name)!;

test('a Service port resolves through its named targetPort to a ready pod', async () => {
  const conn = cluster.connect();
  assert.deepEqual(await resolveForwardTarget(conn, get('services', 'shop'), 80), { namespace: 'demo', pod: 'shop-1', port: 3000 });
  assert.deepEqual(await resolveForwardTarget(conn, get('services', 'shop'), 'metrics'), { namespace: 'demo', pod: 'shop-1', port: 9100 });
  assert.deepEqual(await resolveForwardTarget(conn, get('deployments', 'shop', 'apps'), 'web'), { namespace: 'demo', pod: 'shop-1', port: 3000 });
  await assert.rejects(resolveForwardTarget(conn, get('services', 'shop'), 443), /has no port 443 \(it has 80, 9100\)/);
  assert.equal(containerPortOf(shop('p'), 'nope'), undefined);
  assert.deepEqual(forwardablePorts(get('services', 'shop')).map((p) => p.label), ['80 (http) → web', '9100 (metrics) → 9100']);
  assert.deepEqual(forwardablePorts(shop('p')).map((p) => p.port), [3000, 9100]);
});

test('bytes flow both ways through a forward to a Service, on 127.0.0.1 only', async () => {
  const conn = cluster.connect();
  const service = get('services', 'shop');
  const forward = await PortForward.start(conn, { resolve: () => resolveForwardTarget(conn, service, 80) });
  try {
    assert.equal(forward.address, '127.0.0.1');
    assert.ok(forward.localPort > 0);
    assert.equal((await roundTrip(forward.localPort, Buffer.from('GET / HTTP/1.0\r\n\r\n'))).toString(), 'GET / HTTP/1.0\r\n\r\n');
    const big = randomBytes(300_000);
    assert.ok((await roundTrip(forward.localPort, big)).equals(big), '300 kB of binary data come back intact');
    assert.deepEqual(cluster.server.portForwards.at(-1), { namespace: 'demo', pod: 'shop-1', ports: [3000] });
    assert.equal(forward.connections, 2);
  } finally {
    await forward.stop();
  }
  await assert.rejects(roundTrip(forward.localPort, Buffer.from('x')), /ECONNREFUSED/, 'a stopped forward listens no more');
});

test('a chosen local port is used, and a taken one is refused in words', async () => {
  const conn = cluster.connect();
  const first = await PortForward.start(conn, { resolve: () => resolveForwardTarget(conn, get('pods', 'shop-1'), 3000) });
  try {
    await assert.rejects(PortForward.start(conn, { localPort: first.localPort, resolve: async () => ({ namespace: 'demo', pod: 'shop-1', port: 3000 }) }), /Local port \d+ on 127\.0\.0\.1 is already in use/);
  } finally {
    await first.stop();
  }
});

test('when the pod goes away the next connection reaches the new one', async () => {
  const conn = cluster.connect();
  const deployment = get('deployments', 'shop', 'apps');
  const errors: string[] = [];
  const forward = await PortForward.start(conn, { resolve: () => resolveForwardTarget(conn, deployment, 'web'), onError: (m) => errors.push(m) });
  try {
    assert.equal((await roundTrip(forward.localPort, Buffer.from('one'))).toString(), 'one');
    cluster.server.store.delete(findType('', 'v1', 'pods')!, 'demo', 'shop-1');
    cluster.server.seed(shop('shop-2'));
    assert.equal((await roundTrip(forward.localPort, Buffer.from('two'))).toString(), 'two');
    assert.deepEqual(forward.podsUsed, ['shop-1', 'shop-2']);
    assert.equal(forward.current?.pod, 'shop-2');
  } finally {
    await forward.stop();
  }
});

test('a port nothing listens on reports the error channel message', async () => {
  const conn = cluster.connect();
  const errors: string[] = [];
  const pod = cluster.server.seed(readyPod('quiet', { app: 'quiet' }, [{ name: 'c', image: 'nginx:1.27' }]));
  const forward = await PortForward.start(conn, { resolve: () => resolveForwardTarget(conn, pod, 5432), onError: (m) => errors.push(m) });
  try {
    await assert.rejects(roundTrip(forward.localPort, Buffer.from('hello')), /closed after 0 of 5 bytes/);
    await new Promise((r) => setTimeout(r, 50));
    assert.match(errors.join('\n'), /quiet:5432: error forwarding port 5432 to pod .*connection refused/);
  } finally {
    await forward.stop();
  }
});

test('the registry lists forwards and stops them', async () => {
  const conn = cluster.connect();
  const registry = new PortForwardRegistry();
  let changes = 0;
  registry.onDidChange(() => changes++);
  const forward = await PortForward.start(conn, { resolve: async () => ({ namespace: 'demo', pod: 'shop-2', port: 3000 }) });
  const id = registry.add('svc/shop 80', 'test', forward);
  assert.deepEqual(registry.list().map((r) => r.label), ['svc/shop 80']);
  await registry.stop(id);
  assert.equal(registry.list().length, 0);
  assert.equal(changes, 2);
  await assert.rejects(roundTrip(forward.localPort, Buffer.from('x')), /ECONNREFUSED/);
});
