// The build preview's diagnostics (issue 18, part 4): the rules run on the built objects and land
// on the preview's own lines; a build that left parts out gets none.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { checkedBuildPreview } from '../../server/src/core/features/build-preview';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { bundledCatalog } from '../../server/src/io/schema-source';
import type { BuildFiles } from '../../server/src/core/kustomize/build/env';
import { WEB_DEPLOYMENT } from './manifests';

const catalog = bundledCatalog();
const NO_DISK: BuildFiles = { read: () => undefined, status: () => 'missing' };
const R = 'file:///repo';
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n';
const config = { ...DEFAULT_CONFIG, rules: { ...DEFAULT_CONFIG.rules, 'workload-best-practice': 'off' as const } };

function preview(overlay: string) {
  let ws = Workspace.empty((g, k) => catalog.isNamespaced(g, k), true);
  const files = {
    'base/kustomization.yaml': 'resources:\n  - web.yaml\n  - svc.yaml\n',
    'base/web.yaml': WEB_DEPLOYMENT,
    'base/svc.yaml': SERVICE,
    'prod/kustomization.yaml': overlay,
    'prod/labels.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: webb}\n',
  };
  for (const [path, text] of Object.entries(files)) ws = ws.withFile(`${R}/${path}`, text);
  const checked = checkedBuildPreview(ws, `${R}/prod/kustomization.yaml`, catalog, NO_DISK, config)!;
  const lines = checked.preview.text.split('\n');
  return { checked, found: checked.findings.filter((f) => f.severity !== 'info').map((f) => `${f.ruleId}@${checked.preview.text.slice(0, f.start).split('\n').length}: ${lines[checked.preview.text.slice(0, f.start).split('\n').length - 1].trim()}`) };
}

test("a patch that breaks the selector: the preview's Deployment and Service lines carry the findings", () => {
  const { found } = preview('resources:\n  - ../base\npatches:\n  - path: labels.yaml\n');
  assert.ok(found.some((f) => /^selector-mismatch@\d+: app: webb$/.test(f)), found.join('\n'));
  assert.ok(found.some((f) => /^service-no-pods@\d+: selector:$/.test(f)), found.join('\n'));
});

test('the same build without the patch is clean; a build with a remote base gets no findings', () => {
  assert.deepEqual(preview('resources:\n  - ../base\n').found, []);
  const partial = preview('resources:\n  - ../base\n  - https://github.com/example/remote//deploy?ref=v1\npatches:\n  - path: labels.yaml\n');
  assert.equal(partial.checked.preview.objects, 2);
  assert.deepEqual(partial.checked.findings, []);
});
