// Live status of a base's objects (issue 18, part 6): each object as the overlay that puts it in
// the active namespace builds it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { EditorBuildCache } from '../../server/src/core/features/kustomize-builds';
import { overlayObjects } from '../../server/src/core/features/overlay-objects';
import { bundledCatalog } from '../../server/src/io/schema-source';
import type { BuildFiles } from '../../server/src/core/kustomize/build/env';
import { WEB_DEPLOYMENT } from './manifests';

const catalog = bundledCatalog();
const NO_DISK: BuildFiles = { read: () => undefined, status: () => 'missing' };
const R = '/repo';
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n';
const files: Record<string, string> = {
  'base/kustomization.yaml': 'resources:\n  - web.yaml\n',
  'base/web.yaml': `${WEB_DEPLOYMENT}---\n${SERVICE}`,
  'prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\nresources:\n  - ../base\n',
  'staging/kustomization.yaml': 'namespace: staging\nresources:\n  - ../base\nreplicas:\n  - name: web\n    count: 2\n',
  'dev/kustomization.yaml': 'nameSuffix: -dev\nresources:\n  - ../base\n',
};
let ws = Workspace.empty((g, k) => catalog.isNamespaced(g, k), true);
for (const [path, text] of Object.entries(files)) ws = ws.withFile(`${R}/${path}`, text);
const editor = new EditorBuildCache().of(ws, catalog, NO_DISK);
const of = (namespace: string) => overlayObjects(ws, `${R}/base/web.yaml`, namespace, editor).map((o) => `${o.source.kind}/${o.source.name} → ${o.overlay}: ${(o.manifest.metadata as { name: string }).name}${o.manifest.kind === 'Deployment' ? ` ×${(o.manifest.spec as { replicas?: number }).replicas ?? 1}` : ''}`);

test("the overlay that sets the active namespace gives each base object's live identity and content", () => {
  assert.deepEqual(of('prod'), ['Deployment/web → prod: prod-web ×1', 'Service/web → prod: prod-web']);
  assert.deepEqual(of('staging'), ['Deployment/web → staging: web ×2', 'Service/web → staging: web']);
});

test('another namespace: the overlay that sets none (applied in the active namespace)', () => {
  assert.deepEqual(of('default'), ['Deployment/web → dev: web-dev ×1', 'Service/web → dev: web-dev']);
});

test('a file in no overlay gets none', () => {
  assert.deepEqual(overlayObjects(ws, `${R}/prod/kustomization.yaml`, 'prod', editor), []);
});
