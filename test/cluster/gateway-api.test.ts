// Gateway API kinds in the explorer's Network folder, their status from conditions and the
// why-not-ready text, against the API test server (which serves Gateway, HTTPRoute and TLSRoute).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ExplorerModel, type ExplorerNode } from '../../client/src/cluster/explorer-model';
import type { ClusterConnection } from '../../client/src/cluster/connection';
import { explainNotReady } from '../../client/src/cluster/readiness';
import { objectStatus } from '../../client/src/cluster/status';
import { startCluster, type ClusterFixture } from './setup';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let f: ClusterFixture;
let model: ExplorerModel;
const GW = 'gateway.networking.k8s.io';
const condition = (type: string, status: string, reason?: string, message?: string) => ({ type, status, ...(reason ? { reason } : {}), ...(message ? { message } : {}), lastTransitionTime: '2026-01-01T00:00:00Z' });

const publicGateway: Obj = {
  apiVersion: `${GW}/v1`, kind: 'Gateway', metadata: { name: 'public', namespace: 'edge' },
  spec: { gatewayClassName: 'example', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] },
  status: { addresses: [{ type: 'IPAddress', value: '203.0.113.7' }], conditions: [condition('Accepted', 'True', 'Accepted'), condition('Programmed', 'True', 'Programmed')], listeners: [{ name: 'http', attachedRoutes: 1, supportedKinds: [], conditions: [condition('Programmed', 'True')] }] },
};
const badCertificate: Obj = {
  apiVersion: `${GW}/v1`, kind: 'Gateway', metadata: { name: 'secure', namespace: 'edge' },
  spec: { gatewayClassName: 'example', listeners: [{ name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'missing-tls' }] } }] },
  status: { conditions: [condition('Accepted', 'True', 'Accepted'), condition('Programmed', 'True', 'Programmed')], listeners: [{ name: 'https', attachedRoutes: 0, supportedKinds: [], conditions: [condition('ResolvedRefs', 'False', 'InvalidCertificateRef', 'Secret edge/missing-tls does not exist'), condition('Programmed', 'False', 'Invalid')] }] },
};
const pending: Obj = { apiVersion: `${GW}/v1`, kind: 'Gateway', metadata: { name: 'new', namespace: 'edge' }, spec: { gatewayClassName: 'example', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] }, status: { conditions: [condition('Accepted', 'Unknown', 'Pending', 'Waiting for controller')] } };
const route = (name: string, parents: Obj[]): Obj => ({ apiVersion: `${GW}/v1`, kind: 'HTTPRoute', metadata: { name, namespace: 'edge' }, spec: { parentRefs: [{ name: 'public' }] }, ...(parents.length ? { status: { parents } } : {}) });
const parent = (conditions: Obj[]) => ({ parentRef: { group: GW, kind: 'Gateway', name: 'public' }, controllerName: 'example.com/gateway', conditions });

before(async () => {
  f = await startCluster([{ name: 'test', namespace: 'edge' }]);
  f.server.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'edge' }, status: { phase: 'Active' } });
  for (const o of [publicGateway, badCertificate, pending]) f.server.seed(o);
  f.server.seed(route('shop', [parent([condition('Accepted', 'True', 'Accepted'), condition('ResolvedRefs', 'True', 'ResolvedRefs')])]));
  f.server.seed(route('orphan', [parent([condition('Accepted', 'False', 'NotAllowedByListeners', 'no listener allows routes from namespace edge'), condition('ResolvedRefs', 'True')])]));
  f.server.seed(route('no-backend', [parent([condition('Accepted', 'True'), condition('ResolvedRefs', 'False', 'BackendNotFound', 'Service edge/shop-api not found')])]));
  f.server.seed(route('waiting', []));
  f.server.seed({ apiVersion: `${GW}/v1alpha2`, kind: 'TLSRoute', metadata: { name: 'passthrough', namespace: 'edge' }, spec: { parentRefs: [{ name: 'public' }], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] } });
  model = new ExplorerModel({ kubeconfig: () => f.kubeconfig, connect: (c) => f.connect(c), activeContext: () => 'test' });
});
after(() => f.server.close());

async function child(node: ExplorerNode | undefined, label: string): Promise<ExplorerNode> {
  const kids = await model.children(node);
  const found = kids.find((k) => (k.type === 'namespace' ? k.namespace : k.type === 'group' ? k.group.label : k.type === 'kind' ? k.kind.label : k.type === 'context' ? k.context : '') === label);
  assert.ok(found, `no ${label}`);
  return found;
}

const statuses = (nodes: ExplorerNode[]) => nodes.map((n) => (n.type === 'object' ? `${n.name}: ${n.status.text} [${n.status.health}]` : n.type));

test('the Network folder lists the Gateway API kinds the cluster serves, each in its served version', async () => {
  const network = await child(await child(await child(undefined, 'test'), 'edge'), 'Network');
  const kinds = await model.children(network);
  assert.deepEqual(kinds.map((k) => (k.type === 'kind' ? `${k.kind.label} ${k.kind.group}/${k.kind.version}` : k.type)), ['Services /v1', 'Ingresses networking.k8s.io/v1', `Gateways ${GW}/v1`, `HTTPRoutes ${GW}/v1`, `TLSRoutes ${GW}/v1alpha2`]);
});

test('Gateways and routes show their conditions: Programmed, a listener that cannot resolve its certificate, parents that refuse a route', async () => {
  const network = await child(await child(await child(undefined, 'test'), 'edge'), 'Network');
  assert.deepEqual(statuses(await model.children(await child(network, 'Gateways'))), [
    'new: waiting for the controller [progressing]',
    'public: Programmed 203.0.113.7 [healthy]',
    'secure: failed: listener https InvalidCertificateRef [failed]',
  ]);
  assert.deepEqual(statuses(await model.children(await child(network, 'HTTPRoutes'))), [
    'no-backend: failed: BackendNotFound (Gateway public) [failed]',
    'orphan: failed: NotAllowedByListeners (Gateway public) [failed]',
    'shop: accepted by 1 parent [healthy]',
    'waiting: not accepted by any Gateway yet [progressing]',
  ]);
  assert.deepEqual(statuses(await model.children(await child(network, 'TLSRoutes'))), ['passthrough: not accepted by any Gateway yet [progressing]']);
});

test('why-not-ready reads the listener and parent conditions', () => {
  const gateway = explainNotReady(badCertificate, [], []);
  assert.match(gateway, /^\*\*Gateway secure: failed: listener https InvalidCertificateRef\*\*/);
  assert.match(gateway, /- listener https: ResolvedRefs=False \(InvalidCertificateRef\): Secret edge\/missing-tls does not exist\n- listener https: Programmed=False \(Invalid\)/);
  const orphan = explainNotReady(route('orphan', [parent([condition('Accepted', 'False', 'NotAllowedByListeners', 'no listener allows routes from namespace edge')])]), [], []);
  assert.match(orphan, /Conditions not met:\n- parent Gateway public: Accepted=False \(NotAllowedByListeners\): no listener allows routes from namespace edge/);
  assert.doesNotMatch(explainNotReady(publicGateway, [], []), /listener http/);
});

test('a cluster without the Gateway API, or whose discovery fails, keeps the built-in Network kinds', async () => {
  for (const groups of [async () => ({ groups: [{ name: 'apps', versions: [{ version: 'v1' }] }] }), async () => { throw new Error('forbidden'); }]) {
    const conn = { request: groups } as unknown as ClusterConnection;
    const bare = new ExplorerModel({ kubeconfig: () => f.kubeconfig, connect: () => conn, activeContext: () => 'test' });
    const network = (await bare.children({ type: 'namespace', id: 'ctx/test/ns/edge', context: 'test', namespace: 'edge' })).find((n) => n.type === 'group' && n.group.id === 'network')!;
    assert.deepEqual((await bare.children(network)).map((k) => (k.type === 'kind' ? k.kind.label : k.type)), ['Services', 'Ingresses']);
  }
});

test('an Istio Gateway (same kind, no Gateway API conditions) has no status of its own', () => {
  assert.deepEqual(objectStatus({ kind: 'Gateway', spec: { selector: { istio: 'ingressgateway' } } }), { text: '', health: 'unknown' });
});
