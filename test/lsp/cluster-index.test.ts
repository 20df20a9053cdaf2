// The kubesight/clusterIndex notification over stdio: a target that exists in the connected
// cluster is not missing; one in neither the workspace nor the cluster is an error; null disconnects.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { folderRead, LspClient, type Diagnostic } from './client';
import { tempWorkspace } from '../temp-workspace';

const app = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: shop/app:1.0.0
      envFrom:
        - secretRef:
            name: credentials
`;
const dir = tempWorkspace('kubesight-cluster-', { 'app.yaml': app });
const appUri = pathToFileURL(join(dir, 'app.yaml')).href;
const missing = (d: Diagnostic[]) => d.filter((x) => x.code === 'missing-reference');

let client: LspClient;
let initial: Diagnostic[];
before(async () => {
  client = await LspClient.start({ rules: { 'workload-best-practice': 'off' } }, dir);
  initial = await client.open(appUri, app, folderRead);
});
after(() => client.close());

test('the cluster index silences, raises and (on null) restores missing-reference', async () => {
  // Without a cluster, a Secret that nothing resembles is information: usually created elsewhere.
  assert.deepEqual(missing(initial).map((d) => [d.severity, d.message]), [[3, 'Secret "credentials" not found in namespace "default" of the workspace (1 file) (no similar name there: it may be created outside the repository)']]);

  const silenced = client.diagnosticsWhere(appUri, (d) => missing(d).length === 0);
  client.notify('kubesight/clusterIndex', { context: 'kind-dev', namespace: 'shop', objects: [{ apiVersion: 'v1', kind: 'Secret', name: 'credentials', keys: ['password'] }] });
  await silenced;

  const raised = client.diagnosticsWhere(appUri, (d) => missing(d).some((x) => x.severity === 1));
  client.notify('kubesight/clusterIndex', { context: 'kind-dev', namespace: 'shop', objects: [{ apiVersion: 'v1', kind: 'Secret', name: 'other' }] });
  assert.deepEqual(missing(await raised).map((d) => d.message), ['Secret "credentials" not found in namespace "default" of the workspace (1 file) or in the cluster (context "kind-dev", namespace "shop")']);

  const restored = client.diagnosticsWhere(appUri, (d) => missing(d).some((x) => x.severity === 3));
  client.notify('kubesight/clusterIndex', null);
  assert.deepEqual(missing(await restored).map((d) => d.message), ['Secret "credentials" not found in namespace "default" of the workspace (1 file) (no similar name there: it may be created outside the repository)']);
});

test('completion offers the names of cluster objects', async () => {
  client.notify('kubesight/clusterIndex', { context: 'kind-dev', namespace: 'shop', objects: [{ apiVersion: 'v1', kind: 'Secret', name: 'credentials' }] });
  await client.change(appUri, 2, app.replace('name: credentials', 'name: '));
  const items = await client.request<{ label: string; detail?: string }[]>('textDocument/completion', { textDocument: { uri: appUri }, position: { line: 10, character: 18 } });
  assert.deepEqual(items.map((i) => [i.label, i.detail]), [['credentials', 'Secret in the cluster (context "kind-dev", namespace "shop")']]);
});
