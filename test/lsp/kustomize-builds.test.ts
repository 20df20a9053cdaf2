// Diagnostics per build over LSP: a base file's findings come from the overlays that include it,
// naming them; editing an overlay's patch re-checks the base that the patch changes.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type Diagnostic } from './client';
import { tempWorkspace } from '../temp-workspace';
import { WEB_DEPLOYMENT } from '../kustomize/manifests';

const deployment = `${WEB_DEPLOYMENT}          env:
            - name: USER
              valueFrom:
                secretKeyRef: {name: db, key: USER}
`;
const service = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - port: 80\n';
const patch = (app: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    metadata:\n      labels: {app: ${app}}\n`;
const dir = tempWorkspace('kubesight-kbuild-', {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n  - service.yaml\nsecretGenerator:\n  - name: db\n    literals: [PASSWORD=x]\n',
  'base/deployment.yaml': deployment,
  'base/service.yaml': service,
  'overlays/prod/kustomization.yaml': 'namespace: prod\nnamePrefix: prod-\nresources:\n  - ../../base\npatches:\n  - path: labels.yaml\n',
  'overlays/prod/labels.yaml': patch('web'),
});
const uri = (path: string) => pathToFileURL(join(dir, path)).href;
const problems = (d: Diagnostic[]) => d.filter((x) => x.severity === 1 || x.severity === 2).map((x) => `${x.code}@${x.range.start.line + 1}: ${x.message}`);

let client: LspClient;
before(async () => {
  client = await LspClient.start({ rules: { 'workload-best-practice': 'off' } }, dir);
});
after(() => client.close());

test('a base file: a key the generated Secret lacks is found through the overlay, which the message names', async () => {
  // Until the folder scan has found the overlay, the base is a root of its own.
  const found = await client.open(uri('base/deployment.yaml'), deployment, (d) => problems(d).some((p) => p.includes('in overlay')));
  assert.equal(problems(found).length, 1, problems(found).join('\n'));
  assert.match(problems(found)[0], /^missing-key@18: key "USER" not found in Secret "prod-db-[a-z0-9]{10}" \(keys: PASSWORD\) \(in overlay overlays\/prod\)$/);
});

test('a patch that breaks the selector is an error on its line; the base Service then selects nothing, and fixing the patch re-checks it', async () => {
  await client.open(uri('base/service.yaml'), service);
  const broken = client.diagnosticsWhere(uri('base/service.yaml'), (d) => problems(d).length > 0);
  const onPatch = await client.open(uri('overlays/prod/labels.yaml'), patch('webb'), (d) => problems(d).length > 0);
  assert.deepEqual(problems(onPatch).map((p) => p.split(':')[0]), ['selector-mismatch@8']);
  assert.match(problems(await broken)[0], /^service-no-pods@6: .* \(in overlay overlays\/prod\)$/);
  const fixed = client.diagnosticsWhere(uri('base/service.yaml'), (d) => problems(d).length === 0);
  await client.change(uri('overlays/prod/labels.yaml'), 2, patch('web'));
  assert.deepEqual(problems(await fixed), []);
});

test('a kustomization has a code lens "N objects · build preview"; the preview request returns the build as YAML, from the unsaved text', async () => {
  const overlay = uri('overlays/prod/kustomization.yaml');
  await client.open(overlay, 'namespace: prod\nnamePrefix: prod-\nresources:\n  - ../../base\npatches:\n  - path: labels.yaml\n');
  const lenses = await client.request<{ command: { title: string; command: string; arguments: string[] } }[]>('textDocument/codeLens', { textDocument: { uri: overlay } });
  assert.deepEqual(lenses.map((l) => [l.command.title, l.command.command, l.command.arguments[0]]), [['3 objects · build preview', 'kubesight.kustomize.buildPreview', overlay]]);
  const preview = await client.request<{ text: string; objects: number }>('kubesight/buildPreview', { uri: overlay });
  assert.equal(preview.objects, 3);
  assert.match(preview.text, /name: prod-web\n {2}namespace: prod\n/);
  await client.change(overlay, 2, 'namespace: prod\nresources:\n  - ../../base\n  - extra.yaml\n');
  const failing = await client.request<{ command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri: overlay } });
  assert.deepEqual(failing.map((l) => l.command.title), ['build fails · build preview']);
  const text = (await client.request<{ text: string }>('kubesight/buildPreview', { uri: overlay })).text;
  assert.match(text, /^# kustomize build fails: accumulating resources: 'extra.yaml': no such file or directory/);
});
