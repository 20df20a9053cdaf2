// A patch file is a patch because a kustomization lists it: editing the kustomization re-checks it.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type Diagnostic } from './client';
import { tempWorkspace } from '../temp-workspace';
import { WEB_DEPLOYMENT } from '../kustomize/manifests';

const deployment = WEB_DEPLOYMENT;
const patch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
`;
const withoutPatch = 'resources:\n  - ../base\n';
const withPatch = `${withoutPatch}patches:\n  - path: replicas.yaml\n`;
const dir = tempWorkspace('kubesight-kustomize-', { 'base/deployment.yaml': deployment, 'prod/replicas.yaml': patch, 'prod/kustomization.yaml': withoutPatch });
const patchUri = pathToFileURL(join(dir, 'prod/replicas.yaml')).href;
const kustomizationUri = pathToFileURL(join(dir, 'prod/kustomization.yaml')).href;
const errors = (d: Diagnostic[]) => d.filter((x) => x.severity === 1).map((x) => x.message);

let client: LspClient;
before(async () => {
  client = await LspClient.start({ rules: { 'workload-best-practice': 'off' } }, dir);
});
after(() => client.close());

test('a Deployment patch no kustomization lists is a whole object: its required fields are missing', async () => {
  const first = await client.open(patchUri, patch, (d) => errors(d).length > 0);
  assert.deepEqual(errors(first), ['spec.selector: Required value', 'spec.template: Required value']);
});

test('listing it in the kustomization re-checks the patch: no errors; unlisting it brings them back', async () => {
  await client.open(kustomizationUri, withoutPatch);
  const relisted = client.diagnosticsWhere(patchUri, (d) => errors(d).length === 0);
  await client.change(kustomizationUri, 2, withPatch);
  assert.deepEqual(await relisted, []);
  const unlisted = client.diagnosticsWhere(patchUri, (d) => errors(d).length > 0);
  await client.change(kustomizationUri, 3, withoutPatch);
  assert.deepEqual(errors(await unlisted), ['spec.selector: Required value', 'spec.template: Required value']);
});

test('the kustomization itself: a path that does not exist and a failing build are errors, from the unsaved text', async () => {
  const missing = await client.change(kustomizationUri, 4, 'resources:\n  - replicas.yaml\n  - gone.yaml\n');
  assert.deepEqual(errors(missing), ['"gone.yaml": no such file or directory']);
  const failing = await client.change(kustomizationUri, 5, 'resources:\n  - replicas.yaml\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata: {name: api}\n');
  assert.deepEqual(errors(failing), ['kustomize build fails: no resource matches strategic merge patch "[noGrp]/Deployment.v1.apps/api.[noNs]"']);
  const fixed = await client.change(kustomizationUri, 6, 'resources:\n  - replicas.yaml\n');
  assert.deepEqual(errors(fixed), []);
});
