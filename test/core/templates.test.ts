// Helm/Go templates (issue 17 cause 2): which files are skipped, where the one finding of a skipped
// file is, and that `{{` as data neither skips a file nor breaks the incremental parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile, type ParsedFile } from '../../server/src/core/model/parse';
import { findTemplateMarkers, CHART_TEMPLATE_REASON, TEMPLATE_SYNTAX_REASON, TEMPLATE_UNPARSED_REASON } from '../../server/src/core/model/templates';
import { resourcesOfFile } from '../../server/src/core/model/resource';
import { diagnoseWorkspaceFile } from '../../server/src/core/features/diagnostics';
import { hover } from '../../server/src/core/features/hover';
import { complete } from '../../server/src/core/features/completion';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { bundledCatalog } from '../../server/src/io/schema-source';

const catalog = bundledCatalog();
const marked = (file: ParsedFile) => file.skipped && file.text.slice(file.skipped.start, file.skipped.end);

const helmTemplate = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: {{ .Values.name }}',
  '{{- if .Values.labels }}',
  '  labels:',
  '    {{- include "app.labels" . | nindent 4 }}',
  '{{- end }}',
  'spec:',
  '  replicas: {{ .Values.replicas }}',
  '',
].join('\n');

test('`{{` that YAML reads as a flow mapping is syntax: the file is skipped at its first marker', () => {
  const file = parseFile(helmTemplate);
  assert.equal(file.skipped?.reason, TEMPLATE_SYNTAX_REASON);
  assert.equal(marked(file), '{{ .Values.name }}');
  assert.deepEqual(file.documents, []);
  assert.equal(marked(parseFile('{{- if .Values.x }}\na: 1\n{{- end }}\n')), '{{- if .Values.x }}');
  assert.equal(marked(parseFile('data:\n  {{- toYaml .Values.data | nindent 2 }}\n')), '{{- toYaml .Values.data | nindent 2 }}');
  // A marker that does not close on its line is marked by its `{{`.
  assert.equal(marked(parseFile('a: {{\n  .Values.x }}\n')), '{{');
});

test('`{{` in plain, quoted and block scalars and in comments is data: the file is parsed and checked', () => {
  for (const text of [
    'kind: ConfigMap\ndata:\n  url: http://host/{{ .path }}\n',
    'kind: ConfigMap\ndata:\n  summary: "{{ $labels.instance }} down"\n  text: \'{{ .Status }}\'\n',
    'kind: ConfigMap\ndata:\n  dash.json: |\n    {"legendFormat": "{{job}}"}\n  folded: >\n    {{ x }}\n',
    '# {{ .Values.name }}\nkind: ConfigMap\ndata: {a: "{{b}}"}  # {{ c }}\n',
  ]) {
    const file = parseFile(text);
    assert.equal(file.skipped, undefined, text);
    assert.equal(file.documents.length, 1, text);
  }
});

test('the lexer scan tells the first syntax marker from markers in scalars', () => {
  assert.deepEqual(findTemplateMarkers('a: "{{x}}"\nb: {{ y }}\n'), { inScalars: [4], syntax: 14 });
  assert.deepEqual(findTemplateMarkers('# {{ x }}\na: |\n  {{ y }}\n'), { inScalars: [17] });
  assert.deepEqual(findTemplateMarkers('a: {\n  b: {{c}}}\n'), { inScalars: [], syntax: 10 });
});

test('markers only in scalars of a document that does not parse: skipped; markers only in comments or other documents leave the syntax errors', () => {
  const broken = parseFile('kind: ConfigMap\nmetadata:\n  name: app-{{ .Release.Name }}\ndata:\n  a: b {{ .x }}: c\n');
  assert.equal(broken.skipped?.reason, TEMPLATE_UNPARSED_REASON);
  assert.equal(marked(broken), '{{ .Release.Name }}');
  const commented = parseFile('# {{ .Values.x }}\nkind: ConfigMap\ndata:\n\ta: b\n');
  assert.equal(commented.skipped, undefined);
  assert.ok(commented.documents[0].errors.length > 0);
  // Markers in one document's values do not hide another document's syntax error.
  const other = parseFile('kind: ConfigMap\ndata:\n  a: "{{ $labels.pod }}"\n---\nkind: ConfigMap\ndata:\n\tb: c\n');
  assert.equal(other.skipped, undefined);
  assert.deepEqual(other.documents.map((d) => d.errors.length > 0), [false, true]);
});

test('a chart template (a fact of the host) is skipped whatever its text, marked on line 1', () => {
  const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n';
  const file = parseFile(text, undefined, { chartTemplate: true });
  assert.equal(file.skipped?.reason, CHART_TEMPLATE_REASON);
  assert.equal(marked(file), 'apiVersion: v1');
  assert.deepEqual(parseFile('', undefined, { chartTemplate: true }).skipped, { reason: CHART_TEMPLATE_REASON, start: 0, end: 0 });
  assert.equal(parseFile(text).skipped, undefined);
});

test('a skipped file gets exactly one information finding; its objects are not in the index', () => {
  const chart = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n';
  const ws = Workspace.empty(undefined, true).withFile('helm.yaml', helmTemplate).withFile('chart.yaml', chart, 0, { chartTemplate: true });
  for (const [uri, start, end] of [
    ['helm.yaml', helmTemplate.indexOf('{{'), helmTemplate.indexOf('}}') + 2],
    ['chart.yaml', 0, 'apiVersion: v1'.length],
  ] as const) {
    const findings = diagnoseWorkspaceFile(ws, uri, { catalog, config: DEFAULT_CONFIG });
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.start, f.end]), [['template-skipped', 'info', start, end]], uri);
  }
  assert.deepEqual(ws.index.objects, []);
  // Without the fact the same text is checked: name-format reports the name.
  const plain = Workspace.empty(undefined, true).withFile('chart.yaml', chart);
  assert.ok(diagnoseWorkspaceFile(plain, 'chart.yaml', { catalog, config: DEFAULT_CONFIG }).some((f) => f.ruleId === 'name-format'));
});

test('the finding follows the configuration and the file\'s disable comment', () => {
  const ws = Workspace.empty(undefined, true).withFile('a.yaml', helmTemplate).withFile('b.yaml', `# kubesight-disable-file template-skipped\n${helmTemplate}`);
  assert.deepEqual(diagnoseWorkspaceFile(ws, 'a.yaml', { catalog, config: { ...DEFAULT_CONFIG, rules: { 'template-skipped': 'off' } } }), []);
  assert.deepEqual(diagnoseWorkspaceFile(ws, 'b.yaml', { catalog, config: DEFAULT_CONFIG }), []);
  assert.deepEqual(diagnoseWorkspaceFile(ws, 'a.yaml', { catalog, config: { ...DEFAULT_CONFIG, rules: { 'template-skipped': 'warning' } } }).map((f) => f.severity), ['warning']);
});

test('hover and completion in a skipped file return nothing', () => {
  const file = parseFile(helmTemplate);
  const ws = Workspace.empty().withFile('t.yaml', helmTemplate);
  const at = helmTemplate.indexOf('replicas');
  assert.equal(hover(file, at, catalog, ws), undefined);
  assert.deepEqual(complete(file, at, catalog, ws, {}), []);
});

test('the chart fact changing re-parses an unchanged text', () => {
  const text = 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n';
  const plain = Workspace.empty().withFile('sa.yaml', text);
  assert.equal(plain.index.objects.length, 1);
  const chart = plain.withFile('sa.yaml', text, 0, { chartTemplate: true });
  assert.equal(chart.index.objects.length, 0);
  assert.equal(chart.withFile('sa.yaml', text, 0, {}).index.objects.length, 1);
});

test('objects of files with `{{` only in scalars are in the index (no false missing references)', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alertmanager\ndata:\n  title: "{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}"\n';
  assert.deepEqual(resourcesOfFile(parseFile(text)).map((r) => r.name), ['alertmanager']);
});

/** Documents, node ranges and skip of a parse, to compare an incremental parse with a fresh one. */
function fingerprint(file: ParsedFile): string {
  return JSON.stringify({ skipped: file.skipped, documents: file.documents.map((d) => [d.start, d.end, d.errors.map((e) => [e.code, e.start, e.end]), JSON.stringify(d.doc.toJSON())]) });
}

test('an incremental parse equals a fresh one while template markers come and go', () => {
  let text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  k: "v"\n---\nkind: B\nb: |\n  text\n';
  let previous = parseFile(text);
  let seed = 11;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  const inserts = ['{{', '}}', '{{ .Values.x }}', '"{{ x }}"', '# {{\n', ': ', '\n', '---\n', '\t', '{{- if .a }}\n'];
  let skippedSeen = 0;
  for (let i = 0; i < 300; i++) {
    const at = rand(text.length + 1);
    text = rand(3) === 0 ? text.slice(0, at) + text.slice(at + 1 + rand(6)) : text.slice(0, at) + inserts[rand(inserts.length)] + text.slice(at);
    const incremental = parseFile(text, previous);
    assert.equal(fingerprint(incremental), fingerprint(parseFile(text)), `edit ${i}: ${JSON.stringify(text)}`);
    if (incremental.skipped) skippedSeen++;
    previous = incremental;
  }
  assert.ok(skippedSeen > 0 && skippedSeen < 300, `${skippedSeen} skipped versions`);
});
