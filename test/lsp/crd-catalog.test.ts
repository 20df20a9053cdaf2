// The language server checks custom resources with the bundled CRD catalog: diagnostics, hover
// naming the catalog as the source, completion of the kind's fields, and the cluster's schemas
// (kubesight/clusterSchemas) winning over the catalog until the cluster is gone. A fresh server's
// first hover of a large catalog kind stays well within the fuzz test's 1 s.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './client';
import { CLUSTER_SCHEMAS_NOTIFICATION } from '../../server/src/shared/cluster-schemas-protocol';

const prometheus = `apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata:
  name: main
spec:
  replicas: 2
  retention: 15d
  serviceMonitorSelector: {}
  evaluationIntervall: 30s
`;

let client: LspClient;
before(async () => {
  client = new LspClient({});
  await client.initialize();
});
after(() => client.close());

const uri = 'untitled:prometheus.yaml';
const at = (line: number, character: number) => ({ line, character });

test('a catalog kind: typo at the key, hover names the catalog, completion offers its fields', async () => {
  const diagnostics = await client.open(uri, prometheus);
  const typo = diagnostics.find((d) => /evaluationIntervall/.test(d.message));
  assert.ok(typo, JSON.stringify(diagnostics));
  assert.equal(typo.severity, 1);
  assert.deepEqual(typo.range.start, at(8, 2));
  const started = performance.now();
  const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at(6, 4) });
  const elapsed = performance.now() - started;
  assert.match(hover.contents.value, /\*\*spec\.retention\*\*/);
  assert.match(hover.contents.value, /Schema from the bundled catalog: prometheus-operator/);
  assert.ok(elapsed < 1000, `first hover took ${elapsed.toFixed(0)} ms`);
  const items = await client.request<{ items?: { label: string }[] } | { label: string }[]>('textDocument/completion', { textDocument: { uri }, position: at(7, 2) });
  const labels = (Array.isArray(items) ? items : (items.items ?? [])).map((i) => i.label);
  assert.ok(labels.includes('scrapeInterval'), labels.slice(0, 20).join(', '));
});

test("the cluster's schema wins while the cluster is there", async () => {
  const schema = { type: 'object', properties: { spec: { type: 'object', properties: { replicas: { type: 'integer' }, retention: { type: 'string' }, serviceMonitorSelector: { type: 'object' }, evaluationIntervall: { type: 'string' } } } }, 'x-kubernetes-group-version-kind': [{ group: 'monitoring.coreos.com', version: 'v1', kind: 'Prometheus' }] };
  const clean = client.diagnosticsWhere(uri, (d) => !d.some((x) => /evaluationIntervall/.test(x.message)));
  client.notify(CLUSTER_SCHEMAS_NOTIFICATION, { context: 'kind-dev', documents: [{ path: 'apis/monitoring.coreos.com/v1', hash: 'A1', schemas: { 'com.coreos.monitoring.v1.Prometheus': schema } }] });
  await clean;
  const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at(6, 4) });
  assert.match(hover.contents.value, /Schema from the cluster \(context "kind-dev"/);
  const back = client.diagnosticsWhere(uri, (d) => d.some((x) => /evaluationIntervall/.test(x.message)));
  client.notify(CLUSTER_SCHEMAS_NOTIFICATION, null);
  await back;
});
