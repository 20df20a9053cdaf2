// Helm templates in the editor (issue 17 cause 2): a file in a chart's templates/ (known from the
// file system, not from its text) gets one information diagnostic and nothing else; `{{` in a
// dashboard's JSON is data, so the ConfigMap it defines is found by the Deployment mounting it.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { folderRead, LspClient } from './client';
import { tempWorkspace } from '../temp-workspace';

// No `{{` in it, and an invalid name: only the chart's templates/ folder makes it a template.
const serviceAccount = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: Not_A_Name\n';
const dashboards = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dashboards\ndata:\n  d.json: |\n    {"legendFormat": "{{job}}"}\n';
const grafana = `apiVersion: v1
kind: Pod
metadata:
  name: grafana
spec:
  containers:
    - name: grafana
      image: grafana/grafana:11.0.0
      volumeMounts: [{name: d, mountPath: /d}]
      envFrom: [{secretRef: {name: grafana-admin}}]
  volumes:
    - name: d
      configMap: {name: dashboards}
`;
const dir = tempWorkspace('kubesight-templates-', {
  'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
  'chart/templates/sa.yaml': serviceAccount,
  'dashboards.yaml': dashboards,
  'grafana.yaml': grafana,
});
const uri = (name: string) => pathToFileURL(join(dir, name)).href;

let client: LspClient;
before(async () => {
  client = await LspClient.start({ rules: { 'workload-best-practice': 'off' } }, dir);
});
after(() => client.close());

test('a chart template gets one information diagnostic on line 1, also after an edit', async () => {
  const brief = (ds: { code: string; severity: number; range: { start: { line: number } }; message: string }[]) => ds.map((d) => [d.code, d.severity, d.range.start.line, d.message]);
  const expected = [['template-skipped', 3, 0, 'Helm chart template (templates/ of a chart with Chart.yaml): not checked until rendered']];
  assert.deepEqual(brief(await client.open(uri('chart/templates/sa.yaml'), serviceAccount)), expected);
  assert.deepEqual(brief(await client.change(uri('chart/templates/sa.yaml'), 2, serviceAccount.replace('Not_A_Name', 'Also_Bad'))), expected);
  const hover = await client.request('textDocument/hover', { textDocument: { uri: uri('chart/templates/sa.yaml') }, position: { line: 1, character: 2 } });
  assert.equal(hover, null);
});

test('a ConfigMap with `{{` in a block scalar is in the workspace: only the missing Secret is reported', async () => {
  const diagnostics = await client.open(uri('grafana.yaml'), grafana, folderRead);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.message.split(' not found')[0]]), [['missing-reference', 'Secret "grafana-admin"']]);
});
