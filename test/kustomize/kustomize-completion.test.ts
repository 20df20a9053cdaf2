// Completion in a kustomization (issue 18, part 4): paths of files and kustomization folders from
// the workspace, and patch targets from the objects the kustomization's patches see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { kustomizeCompletion, relativePath } from '../../server/src/core/features/kustomize-completion';
import { workspaceFiles } from '../../server/src/core/features/build-diagnostics';
import { bundledCatalog } from '../../server/src/io/schema-source';
import type { BuildFiles } from '../../server/src/core/kustomize/build/env';
import { WEB_DEPLOYMENT } from './manifests';

const catalog = bundledCatalog();
const NO_DISK: BuildFiles = { read: () => undefined, status: () => 'missing' };
const R = 'file:///repo';
const BASE: Record<string, string> = {
  'base/kustomization.yaml': 'namePrefix: app-\nresources:\n  - web.yaml\n  - svc.yaml\nconfigMapGenerator:\n  - name: env\n    literals: [A=1]\n',
  'base/web.yaml': WEB_DEPLOYMENT,
  'base/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports: [{port: 80}]\n',
  'components/debug/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n',
  'prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-web}\nspec: {replicas: 3}\n',
  'prod/extra/job.yaml': 'apiVersion: batch/v1\nkind: Job\nmetadata: {name: once}\n',
};

/** Labels (with details) proposed at the `|` of the overlay's text. */
function proposals(overlay: string): string[] | undefined {
  const offset = overlay.indexOf('|');
  const text = overlay.replace('|', '');
  let ws = Workspace.empty((g, k) => catalog.isNamespaced(g, k), true);
  for (const [path, t] of Object.entries({ ...BASE, 'prod/kustomization.yaml': text })) ws = ws.withFile(`${R}/${path}`, t);
  return kustomizeCompletion(ws, `${R}/prod/kustomization.yaml`, offset, catalog, workspaceFiles(ws, NO_DISK))?.map((e) => `${e.label} (${e.detail})`);
}

test('resources: the files below the folder and the other kustomization folders, nearest first, none listed twice', () => {
  assert.deepEqual(proposals('resources:\n  - |\n'), ['replicas.yaml (manifest file)', 'extra/job.yaml (manifest file)', '../base (kustomization folder)']);
  assert.deepEqual(proposals('resources:\n  - ../base\n  - ex|\n'), ['replicas.yaml (manifest file)', 'extra/job.yaml (manifest file)']);
});

test('components: only Component folders; patch paths and generator files: files below the folder', () => {
  assert.deepEqual(proposals('components:\n  - |\n'), ['../components/debug (component folder)']);
  assert.deepEqual(proposals('resources:\n  - ../base\npatches:\n  - path: |\n'), ['replicas.yaml (patch file)', 'extra/job.yaml (patch file)']);
  assert.deepEqual(proposals('configMapGenerator:\n  - name: cfg\n    files:\n      - |\n'), ['replicas.yaml (file)', 'extra/job.yaml (file)']);
});

test("patch targets: the kinds and names the patches see (the base's prefix applied, not the overlay's own or a hash)", () => {
  const overlay = (field: string) => `namePrefix: prod-\nresources:\n  - ../base\npatches:\n  - path: replicas.yaml\n    target:\n      kind: Deployment\n  - path: replicas.yaml\n    target:\n      ${field}\n`;
  assert.deepEqual(proposals(overlay('kind: |')), ['ConfigMap (v1)', 'Service (v1)', 'Deployment (apps/v1)']);
  assert.deepEqual(proposals(overlay('name: |')), ['app-env (ConfigMap)', 'app-web (Service)', 'app-web (Deployment)']);
  assert.deepEqual(proposals(overlay('kind: Deployment\n      name: |')), ['app-web (Deployment)']);
});

test('elsewhere in the kustomization, and in other files, schema completion answers', () => {
  assert.equal(proposals('namespace: |\n'), undefined);
  assert.equal(relativePath('/a/b/c', '/a/d'), '../../d');
});
