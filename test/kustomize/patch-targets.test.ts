// Go to definition from a patch to the objects it changes (issue 18, part 4), from the builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { EditorBuildCache, inPatchEntry, listedByKustomization } from '../../server/src/core/features/kustomize-builds';
import { patchTargetDefinition } from '../../server/src/core/features/patch-targets';
import { bundledCatalog } from '../../server/src/io/schema-source';
import type { BuildFiles } from '../../server/src/core/kustomize/build/env';
import { WEB_DEPLOYMENT } from './manifests';

const catalog = bundledCatalog();
const NO_DISK: BuildFiles = { read: () => undefined, status: () => 'missing' };
const R = 'file:///repo';
const WORKER = WEB_DEPLOYMENT.replace(/web/g, 'worker');
const overlay = `resources:
  - ../base
patches:
  - path: replicas.yaml
  - target: {kind: Deployment}
    patch: |-
      - op: add
        path: /spec/paused
        value: true
  - path: json.yaml
    target:
      name: worker
`;
const files: Record<string, string> = {
  'base/kustomization.yaml': 'resources:\n  - web.yaml\n  - worker.yaml\n',
  'base/web.yaml': WEB_DEPLOYMENT,
  'base/worker.yaml': `# the worker\n${WORKER}`,
  'prod/kustomization.yaml': overlay,
  'prod/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n',
  'prod/json.yaml': '- op: replace\n  path: /spec/replicas\n  value: 2\n',
};
let ws = Workspace.empty((g, k) => catalog.isNamespaced(g, k), true);
for (const [path, text] of Object.entries(files)) ws = ws.withFile(`${R}/${path}`, text);
const editor = new EditorBuildCache().of(ws, catalog, NO_DISK);

/** The targets' `file:line:text` for the cursor at a needle of a file. */
function targets(path: string, needle: string): string[] | undefined {
  const found = patchTargetDefinition(ws, `${R}/${path}`, files[path].indexOf(needle) + 1, editor);
  return found?.map((l) => {
    const target = files[l.uri.slice(R.length + 1)];
    return `${l.uri.slice(R.length + 1)}:${target.slice(0, l.start).split('\n').length}:${target.slice(l.start, l.end)}`;
  });
}

test('a strategic-merge patch document goes to the object it names, at its name in the base', () => {
  assert.deepEqual(targets('prod/replicas.yaml', 'replicas: 3'), ['base/web.yaml:4:web']);
  assert.deepEqual(targets('prod/replicas.yaml', 'kind'), ['base/web.yaml:4:web']);
});

test("an entry's target selects every object it matches; an inline JSON patch goes there too", () => {
  assert.deepEqual(targets('prod/kustomization.yaml', 'kind: Deployment'), ['base/web.yaml:4:web', 'base/worker.yaml:5:worker']);
  assert.deepEqual(targets('prod/kustomization.yaml', 'op: add'), ['base/web.yaml:4:web', 'base/worker.yaml:5:worker']);
});

test('a JSON patch file goes to the object its entry targets', () => {
  assert.deepEqual(targets('prod/json.yaml', 'op: replace'), ['base/worker.yaml:5:worker']);
  assert.deepEqual(targets('prod/kustomization.yaml', 'name: worker'), ['base/worker.yaml:5:worker']);
});

test('outside a patch (a base object, the resources list) it leaves definition to the others', () => {
  assert.equal(targets('base/web.yaml', 'replicas'), undefined);
  assert.equal(targets('prod/kustomization.yaml', '../base'), undefined);
});

test('the cheap guards before building: files a kustomization lists, offsets inside a patch entry', () => {
  assert.deepEqual(['base/web.yaml', 'prod/replicas.yaml', 'prod/json.yaml', 'elsewhere.yaml'].map((p) => listedByKustomization(ws, `${R}/${p}`)), [true, true, true, false]);
  const k = `${R}/prod/kustomization.yaml`;
  assert.deepEqual([inPatchEntry(ws, k, overlay.indexOf('op: add')), inPatchEntry(ws, k, overlay.indexOf('../base'))], [true, false]);
});
