// Hover on a base field: its value in each overlay that changes it (issue 18, part 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { EditorBuildCache } from '../../server/src/core/features/kustomize-builds';
import { overlayHoverMarkdown, overlayValues } from '../../server/src/core/features/overlay-hover';
import { bundledCatalog } from '../../server/src/io/schema-source';
import type { BuildFiles } from '../../server/src/core/kustomize/build/env';

const catalog = bundledCatalog();
const NO_DISK: BuildFiles = { read: () => undefined, status: () => 'missing' };
const R = '/repo';
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: shop/web:1.0.0
          ports:
            - containerPort: 8080
`;
const files: Record<string, string> = {
  'app/base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'app/base/deployment.yaml': DEPLOYMENT,
  'app/overlays/prod/kustomization.yaml': 'namePrefix: prod-\nresources:\n  - ../../base\npatches:\n  - path: replicas.yaml\nimages:\n  - name: shop/web\n    newTag: 2.0.0\n',
  'app/overlays/prod/replicas.yaml': '# five in prod\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 5\n',
  'app/overlays/staging/kustomization.yaml': 'resources:\n  - ../../base\npatches:\n  - patch: |-\n      - op: remove\n        path: /spec/replicas\n    target: {kind: Deployment}\n',
  'app/overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n',
};
let ws = Workspace.empty((g, k) => catalog.isNamespaced(g, k), true);
for (const [path, text] of Object.entries(files)) ws = ws.withFile(`${R}/${path}`, text);
const editor = new EditorBuildCache().of(ws, catalog, NO_DISK);
const at = (needle: string) => overlayValues(ws, `${R}/app/base/deployment.yaml`, DEPLOYMENT.indexOf(needle) + 1, editor).map((v) => `${v.overlay}: ${v.value ?? 'removed'}${v.source ? ` (${v.source})` : ''}`);

test('a replica count: the overlay whose patch sets it, with the patch line; one that removes it; not one that keeps it', () => {
  assert.deepEqual(at('replicas'), ['overlays/prod: 5 (patch overlays/prod/replicas.yaml:7)', 'overlays/staging: removed']);
});

test('fields set by transformers name the kustomization entry: the name prefix, the image tag in a list item', () => {
  assert.deepEqual(at('name: web\nspec'), ['overlays/prod: prod-web (overlays/prod/kustomization.yaml:1)']);
  assert.deepEqual(at('image:'), ['overlays/prod: shop/web:2.0.0 (overlays/prod/kustomization.yaml:7)']);
});

test('a field no overlay changes has no overlay values; the markdown lists the changed ones', () => {
  assert.deepEqual(at('containerPort'), []);
  assert.equal(overlayHoverMarkdown([]), '');
  assert.equal(overlayHoverMarkdown([{ overlay: 'overlays/prod', value: '5', source: 'patch overlays/prod/replicas.yaml:7' }]), '**In overlays**\n\n- `overlays/prod`: `5` (patch overlays/prod/replicas.yaml:7)');
});
