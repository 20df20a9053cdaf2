// The explorer tree against the API test server: every level, status texts, paging of a
// 10,000-pod namespace, custom resources, and errors as nodes instead of exceptions.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ExplorerModel, type ExplorerNode } from '../../client/src/cluster/explorer-model';
import { DEPLOYMENT } from '../../client/src/cluster/kinds';
import { contextValue } from '../../client/src/cluster/menus';
import { watchKind } from '../../client/src/cluster/watch';
import { seedManyPods } from './api-server/seed';
import { startCluster, type ClusterFixture } from './setup';

let f: ClusterFixture;
let model: ExplorerModel;

before(async () => {
  f = await startCluster([{ name: 'test', namespace: 'demo' }, { name: 'down', server: 'http://127.0.0.1:9' }]);
  seedManyPods(f.server, 'big', 10_000);
  model = new ExplorerModel({ kubeconfig: () => f.kubeconfig, connect: (c) => f.connect(c), activeContext: () => 'test', pageSize: 200 });
});
after(() => f.server.close());

const labels = (nodes: ExplorerNode[]) =>
  nodes.map((n) => {
    switch (n.type) {
      case 'context':
        return `${n.context}${n.active ? ' (active)' : ''}`;
      case 'namespace':
        return n.namespace || 'All namespaces';
      case 'group':
        return n.group.label;
      case 'custom-resources':
        return 'Custom resources';
      case 'custom-group':
        return n.apiGroup;
      case 'kind':
        return n.kind.label;
      case 'object':
        return `${n.name}: ${n.status.text} [${n.status.health}]`;
      case 'container':
        return `${n.container}: ${n.status.text}`;
      case 'more':
        return 'more';
      case 'message':
        return `${n.severity}: ${n.text}`;
    }
  });

async function path(...steps: string[]): Promise<ExplorerNode> {
  let node: ExplorerNode | undefined;
  for (const step of steps) {
    const kids = await model.children(node);
    node = kids.find((_, i) => labels(kids)[i].split(':')[0].split(' (')[0] === step);
    assert.ok(node, `no "${step}" among ${JSON.stringify(labels(kids))}`);
  }
  return node!;
}

test('contexts, namespaces, groups and kinds', async () => {
  assert.deepEqual(labels(await model.children()), ['test (active)', 'down']);
  assert.deepEqual(labels(await model.children(await path('test'))), ['All namespaces', 'big', 'default', 'demo', 'kube-system']);
  assert.deepEqual(labels(await model.children(await path('test', 'demo'))), ['Workloads', 'Network', 'Config', 'Storage', 'Custom resources']);
  assert.deepEqual(labels(await model.children(await path('test', 'demo', 'Workloads'))), ['Deployments', 'StatefulSets', 'DaemonSets', 'Jobs', 'CronJobs', 'Pods']);
});

test('objects carry a short status and health', async () => {
  assert.deepEqual(labels(await model.children(await path('test', 'demo', 'Workloads', 'Deployments'))), [
    'api: progressing 1/3 [progressing]',
    'web: 3/3 ready [healthy]',
    'worker: failed: CrashLoopBackOff [failed]',
  ]);
  const pods = labels(await model.children(await path('test', 'demo', 'Workloads', 'Pods')));
  assert.ok(pods.includes('worker-7d9f8b6c5d-zzzzz: failed: CrashLoopBackOff (0/1 ready, 7 restarts) [failed]'), pods.join('\n'));
  assert.deepEqual(labels(await model.children(await path('test', 'demo', 'Workloads', 'Jobs'))), ['migrate: complete 1/1 [healthy]']);
  assert.deepEqual(labels(await model.children(await path('test', 'demo', 'Storage', 'PersistentVolumeClaims'))), ['uploads: Bound [healthy]']);
});

test('a workload expands to its pods, a pod to its containers', async () => {
  const pods = await model.children(await path('test', 'demo', 'Workloads', 'Deployments', 'web'));
  assert.deepEqual(labels(pods).map((l) => l.split(':')[0]), ['web-7d9f8b6c5d-abcde', 'web-7d9f8b6c5d-fghij', 'web-7d9f8b6c5d-klmno']);
  assert.deepEqual(labels(await model.children(pods[0])), ['web: Running 1/1']);
  assert.equal(pods[0].id, 'ctx/test/ns/demo/workloads/apps/v1/Deployment/demo/web/demo/web-7d9f8b6c5d-abcde');
});

test('custom resources are grouped by API group', async () => {
  assert.deepEqual(labels(await model.children(await path('test', 'demo', 'Custom resources'))), ['cert-manager.io']);
  assert.deepEqual(labels(await model.children(await path('test', 'demo', 'Custom resources', 'cert-manager.io'))), ['Certificate']);
  assert.deepEqual(labels(await model.children(await path('test', 'demo', 'Custom resources', 'cert-manager.io', 'Certificate'))), ['demo-tls:  [unknown]']);
});

test('10,000 pods arrive in pages of 200 with a "more" node', async () => {
  const first = await model.children(await path('test', 'big', 'Workloads', 'Pods'));
  assert.equal(first.length, 201);
  const more = first.at(-1)!;
  assert.equal(more.type, 'more');
  const request = f.server.requests.filter((r) => r.path === '/api/v1/namespaces/big/pods').at(-1)!;
  assert.equal(request.query.get('limit'), '200');
  const second = await model.children(more);
  assert.equal(second.length, 201);
  assert.equal((second[0] as { name: string }).name, 'load-00200');
  const nextMore = second.at(-1)!;
  assert.ok(nextMore.type === 'more' && nextMore.loaded === 400 && nextMore.id !== more.id, 'each "more" node counts all objects shown and has its own id');
});

test('unreachable, 401, 403 and a missing kubeconfig become message nodes', async () => {
  const [down] = labels(await model.children(await path('down')));
  assert.match(down, /^error: Cannot reach the cluster at http:\/\/127\.0\.0\.1:9/);
  f.server.token = 'other';
  try {
    const [unauthorized] = await model.children(await path('test'));
    assert.equal(unauthorized.type === 'message' && unauthorized.errorKind, 'unauthorized');
  } finally {
    f.server.token = undefined;
  }
  f.server.forbid = (verb, t) => verb === 'list' && t.plural === 'secrets';
  try {
    const [forbidden] = labels(await model.children(await path('test', 'demo', 'Config', 'Secrets')));
    assert.equal(forbidden, 'error: Forbidden: secrets is forbidden: User "kubesight-test" cannot list resource "secrets" in API group "" in the namespace "demo"');
  } finally {
    f.server.forbid = () => false;
  }
  const empty = new ExplorerModel({ kubeconfig: () => ({ ...f.kubeconfig, contexts: [], problems: [{ file: '/nope', message: 'no kubeconfig at /nope' }] }), connect: (c) => f.connect(c), activeContext: () => undefined });
  assert.deepEqual(labels(await empty.children()), ['error: no kubeconfig at /nope']);
});

test('read-only contexts get tree items without write actions (package.json menus need "writable")', async () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const menus = pkg.contributes.menus['view/item/context'] as { command: string; when: string }[];
  const whenOf = (command: string) => menus.find((m) => m.command === command)!.when;
  const matches = (when: string, value: string) => [...when.matchAll(/viewItem =~ \/(.*?)\/(?:\s|$)/g)].every((m) => new RegExp(m[1]).test(value));
  const web = (await model.children(await path('test', 'demo', 'Workloads', 'Deployments'))).find((n) => n.type === 'object' && n.name === 'web')!;
  for (const command of ['kubesight.cluster.scale', 'kubesight.cluster.restart', 'kubesight.cluster.delete']) {
    assert.equal(matches(whenOf(command), contextValue(web, false)), true, `${command} shown for a writable context`);
    assert.equal(matches(whenOf(command), contextValue(web, true)), false, `${command} hidden for a read-only context`);
  }
  assert.equal(matches(whenOf('kubesight.cluster.openYaml'), contextValue(web, true)), true);
  assert.equal(matches(whenOf('kubesight.cluster.logs'), contextValue(web, true)), true);
});

test('a watch on an expanded kind reports changes', async () => {
  const events: string[] = [];
  const controller = new AbortController();
  const watching = watchKind(f.connect(), DEPLOYMENT, 'demo', (e) => {
    events.push(`${e.type} ${(e.object.metadata as { name: string }).name}`);
    controller.abort();
  }, controller.signal).catch((e) => e.kind);
  await new Promise((r) => setTimeout(r, 100));
  f.server.seed({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'new-one', namespace: 'demo' }, spec: { selector: { matchLabels: { app: 'n' } }, template: { metadata: { labels: { app: 'n' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27.3' }] } } } });
  assert.equal(await watching, 'cancelled');
  assert.deepEqual(events, ['ADDED new-one'], 'only changes after the list, not the existing objects');
});
