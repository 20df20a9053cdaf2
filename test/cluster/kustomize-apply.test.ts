// Apply Kustomization (issue 18, part 6): the objects of the in-memory build go through the apply
// plan — server-side dry runs first, one confirmation; declining it writes nothing. Only a complete
// build is applied.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { executeApply, planApply } from '../../client/src/cluster/apply';
import { buildManifests, overlayManifests } from '../../client/src/cluster/kustomize-apply';
import { liveStates } from '../../client/src/cluster/live-status';
import { Discovery } from '../../client/src/cluster/discovery';
import { EditorBuildCache } from '../../server/src/core/features/kustomize-builds';
import { overlayObjects } from '../../server/src/core/features/overlay-objects';
import { manifestsOf } from '../../client/src/cluster/manifests';
import { WritePolicy, type WriteSummary } from '../../client/src/cluster/safety';
import { buildPreview } from '../../server/src/core/features/build-preview';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { bundledCatalog } from '../../server/src/io/schema-source';
import type { BuildFiles } from '../../server/src/core/kustomize/build/env';
import { findType } from './api-server/resources';
import { startCluster, type ClusterFixture } from './setup';

const catalog = bundledCatalog();
const NO_DISK: BuildFiles = { read: () => undefined, status: () => 'missing' };
const R = 'file:///repo';
const BASE = {
  'base/kustomization.yaml': 'resources:\n  - web.yaml\nconfigMapGenerator:\n  - name: settings\n    literals: [MODE=prod]\n',
  'base/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n          envFrom:\n            - configMapRef: {name: settings}\n',
};
let f: ClusterFixture;
const policy = new WritePolicy([]);

function workspaceWith(overlay: string): Workspace {
  let ws = Workspace.empty((g, k) => catalog.isNamespaced(g, k), true);
  for (const [path, text] of Object.entries({ ...BASE, 'kube/kustomization.yaml': overlay })) ws = ws.withFile(`${R}/${path}`, text);
  return ws;
}

function built(overlay: string) {
  const ws = workspaceWith(overlay);
  return buildManifests(buildPreview(ws, `${R}/kube/kustomization.yaml`, catalog, NO_DISK)!, 'kustomization kube');
}
const OVERLAY = 'namespace: demo\nnamePrefix: shop-\nresources:\n  - ../base\nimages:\n  - name: nginx\n    newTag: 1.28.0\n';

before(async () => {
  f = await startCluster();
});
after(() => f.server.close());

test("the plan holds the build's objects (prefix, namespace, hashed generator name, image), from dry runs only", async () => {
  const result = built(OVERLAY);
  assert.ok('manifests' in result);
  const writesBefore = f.server.writes().length;
  const plan = await planApply(f.connect(), result.manifests, 'default');
  assert.deepEqual(plan.objects.map((o) => `${o.label} ${o.namespace}: ${o.outcome}`).map((s) => s.replace(/-[a-z0-9]{10} /, '-<hash> ')), ['configmap/shop-settings-<hash> demo: create', 'deployment.apps/shop-web demo: create']);
  const deployment = plan.objects.find((o) => o.label === 'deployment.apps/shop-web')!.manifest as { spec: { template: { spec: { containers: { image: string; envFrom: { configMapRef: { name: string } }[] }[] } } } };
  assert.equal(deployment.spec.template.spec.containers[0].image, 'nginx:1.28.0');
  assert.equal(deployment.spec.template.spec.containers[0].envFrom[0].configMapRef.name, plan.objects[0].name);
  const writes = f.server.writes().slice(writesBefore).filter((w) => !w.path.endsWith('/selfsubjectaccessreviews'));
  assert.equal(writes.length, 2);
  assert.ok(writes.every((w) => w.query.get('dryRun') === 'All'), 'every write of the plan is a dry run');
});

test('declining the confirmation writes nothing; confirming creates the built objects', async () => {
  const result = built(OVERLAY);
  assert.ok('manifests' in result);
  const plan = await planApply(f.connect(), result.manifests, 'default');
  const real = () => f.server.writes().filter((w) => w.query.get('dryRun') !== 'All' && !w.path.endsWith('/selfsubjectaccessreviews')).length;
  const before = real();
  const asked: WriteSummary[] = [];
  assert.deepEqual(await executeApply(f.connect(), plan, policy, async (s) => (asked.push(s), false)), []);
  assert.equal(real(), before);
  assert.equal(asked[0].namespace, 'demo');
  assert.equal(asked[0].objects.length, 2);
  assert.equal(f.server.store.get(findType('apps', 'v1', 'deployments')!, 'demo', 'shop-web'), undefined);
  await executeApply(f.connect(), plan, policy, async () => true);
  assert.equal(real(), before + 2);
  assert.equal(f.server.store.get(findType('apps', 'v1', 'deployments')!, 'demo', 'shop-web')!.spec.template.spec.containers[0].image, 'nginx:1.28.0');
});

test("the live lens of the base's Deployment asks for the overlay's object: applied, it is unchanged", async () => {
  const ws = workspaceWith(OVERLAY);
  const overlays = overlayObjects(ws, `${R}/base/web.yaml`, 'demo', new EditorBuildCache().of(ws, catalog, NO_DISK));
  const asked = overlayManifests(manifestsOf(BASE['base/web.yaml']), overlays);
  assert.deepEqual(asked.map((a) => a.overlay), ['kube']);
  const conn = f.connect();
  const [state] = await liveStates(conn, new Discovery(conn), asked.map((a) => a.manifest), 'demo');
  assert.equal(state?.plan.label, 'deployment.apps/shop-web');
  assert.equal(state?.plan.outcome, 'unchanged');
  assert.ok(state?.plan.live, 'the live object was found');
});

test('a build that fails or leaves parts out is refused before any request', () => {
  assert.deepEqual(built('resources:\n  - ../missing\n'), { refused: "kustomization kube does not build: accumulating resources: '../missing': no such file or directory" });
  const partial = built('namespace: demo\nresources:\n  - ../base\n  - https://github.com/example/remote//deploy?ref=v1\n');
  assert.ok('refused' in partial && /^kustomization kube is not applied: its build leaves parts out \(".*" is remote: not fetched/.test(partial.refused), JSON.stringify(partial));
});
