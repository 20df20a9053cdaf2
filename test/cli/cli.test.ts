// The CLI contract of product.md §3, exercised on the built dist/cli.js (npm ci builds it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli as run } from './run';
import { tempWorkspace } from '../temp-workspace';

const deployment = (selector: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: ${selector}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27.3
          resources:
            requests: {cpu: 100m, memory: 64Mi}
          readinessProbe:
            tcpSocket: {port: 80}
`;

const workspace = (files: Record<string, string>): string => tempWorkspace('kubesight-cli-', files);

test('valid manifests: exit 0, JSON array with every file and no messages', () => {
  const dir = workspace({ 'web.yaml': deployment('web') });
  const r = run(['check', '.', '--format', 'json'], dir);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [{ filePath: 'web.yaml', kubernetesVersion: '1.35', kubernetesVersionFrom: 'the newest bundled version', messages: [] }]);
});

test('an error: exit 1, JSON message with the exact keys and 1-based exclusive positions', () => {
  const dir = workspace({ 'web.yaml': deployment('api') });
  const r = run(['check', 'web.yaml', '--format', 'json'], dir);
  assert.equal(r.status, 1);
  const [file] = JSON.parse(r.stdout);
  const selector = file.messages.find((m: { ruleId: string }) => m.ruleId === 'selector-mismatch');
  assert.deepEqual(Object.keys(selector).sort(), ['column', 'endColumn', 'endLine', 'line', 'message', 'ruleId', 'severity']);
  assert.deepEqual([selector.severity, selector.line, selector.column, selector.endLine, selector.endColumn], ['error', 12, 14, 12, 17]);
});

test('SARIF 2.1.0 with rules and results', () => {
  const dir = workspace({ 'web.yaml': deployment('api') });
  const r = run(['check', '.', '--format', 'sarif'], dir);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  const result = sarif.runs[0].results.find((x: { ruleId: string }) => x.ruleId === 'selector-mismatch');
  assert.equal(result.level, 'error');
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'web.yaml');
  assert.equal(result.locations[0].physicalLocation.region.startLine, 12);
  assert.ok(sarif.runs[0].tool.driver.rules.some((x: { id: string }) => x.id === 'selector-mismatch'));
});

test('stylish output: findings per file and a summary line', () => {
  const dir = workspace({ 'web.yaml': deployment('api') });
  const r = run(['check', '.'], dir);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^web\.yaml$/m);
  assert.match(r.stdout, /12:14 +error +spec\.template\.metadata\.labels: Invalid value/);
  assert.match(r.stdout, /✖ 1 problem \(1 error, 0 warnings, 0 info\) in 1 file/);
  assert.ok(!r.stdout.includes('\u001b['), 'no colour when not a TTY');
});

test('bad usage exits 2: unknown format, option, rule or severity, missing path', () => {
  const dir = workspace({ 'web.yaml': deployment('web') });
  for (const args of [['check', '--format', 'xml'], ['check', '--nope'], ['check', '--rule', 'no-such-rule=off'], ['check', '--rule', 'image-tag=loud'], ['check', 'missing.yaml'], ['lint']]) {
    const r = run(args, dir);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}`);
    assert.match(r.stderr, /kubesight: /);
  }
});

test('--rule, .kubesight.yaml rules and ignore, --config', () => {
  const dir = workspace({ 'web.yaml': deployment('api'), 'vendor/x.yaml': deployment('api') });
  assert.equal(run(['check', '.', '--rule', 'selector-mismatch=off'], dir).status, 0);
  const warned = run(['check', 'web.yaml', '--rule', 'selector-mismatch=warning', '--format', 'json'], dir);
  assert.equal(warned.status, 0);
  assert.equal(JSON.parse(warned.stdout)[0].messages[0].severity, 'warning');
  writeFileSync(join(dir, '.kubesight.yaml'), 'rules:\n  selector-mismatch: info\nignore:\n  - "vendor/**"\n');
  const configured = JSON.parse(run(['check', '.', '--format', 'json'], dir).stdout);
  assert.deepEqual(configured.map((f: { filePath: string }) => f.filePath), ['web.yaml']);
  assert.equal(configured[0].messages[0].severity, 'information');
  writeFileSync(join(dir, 'strict.yaml'), 'rules:\n  selector-mismatch: error\n');
  assert.equal(run(['check', 'web.yaml', '--config', 'strict.yaml'], dir).status, 1);
});

test('a .kubesight.yaml with typos: its warnings are reported on it, the run goes on (exit 0)', () => {
  const dir = workspace({ 'web.yaml': deployment('web'), '.kubesight.yaml': 'rules:\n  imgae-tag: off\nignroe: []\n' });
  const r = run(['check', '.', '--format', 'json'], dir);
  assert.equal(r.status, 0, r.stderr);
  const [config, web] = JSON.parse(r.stdout);
  assert.equal(config.filePath, '.kubesight.yaml');
  assert.deepEqual(config.messages.map((m: { ruleId: string; severity: string; line: number; message: string }) => [m.ruleId, m.severity, m.line, m.message]), [
    ['config-file', 'warning', 2, 'definition for rule "imgae-tag" was not found (did you mean "image-tag"?); the setting has no effect'],
    ['config-file', 'warning', 3, 'unknown key "ignroe" (did you mean "ignore"?); known keys: kubernetesVersion, gatewayAPIChannel, rules, ignore'],
  ]);
  assert.deepEqual(web, { filePath: 'web.yaml', kubernetesVersion: '1.35', kubernetesVersionFrom: 'the newest bundled version', messages: [] });
  // A valid configuration is not listed.
  writeFileSync(join(dir, '.kubesight.yaml'), 'rules:\n  image-tag: off\n');
  assert.deepEqual(JSON.parse(run(['check', '.', '--format', 'json'], dir).stdout).map((f: { filePath: string }) => f.filePath), ['web.yaml']);
});

test('a .kubesight.yaml that does not parse: exit 2, the file and the reason on stderr, nothing checked', () => {
  const dir = workspace({ 'web.yaml': deployment('api'), '.kubesight.yaml': 'rules:\n  image-tag: off\n  image-tag: info\n' });
  const r = run(['check', '.'], dir);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^kubesight: \/.*\/\.kubesight\.yaml: Map keys must be unique at line 3, column 3: the configuration cannot be read/);
});

test('inline disable comments', () => {
  const text = deployment('api').replace('        app: web', '        # kubesight-disable-next-line selector-mismatch\n        app: web');
  assert.equal(run(['check', 'web.yaml'], workspace({ 'web.yaml': text })).status, 0);
  assert.equal(run(['check', 'web.yaml'], workspace({ 'web.yaml': `# kubesight-disable-file selector-mismatch\n${deployment('api')}` })).status, 0);
});

test('walking skips node_modules and .git; a chart template is listed as skipped; non-Kubernetes YAML and junk give nothing', () => {
  const dir = workspace({
    'app/web.yaml': deployment('web'),
    'node_modules/pkg/bad.yaml': deployment('api'),
    '.git/bad.yaml': deployment('api'),
    'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
    'chart/templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
    'chart/values.yaml': 'replicaCount: 1\nimage:\n  repository: nginx\n',
    '.github/workflows/ci.yml': 'name: build\non:\n  push: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n',
  });
  writeFileSync(join(dir, 'junk.yaml'), Buffer.from([0, 1, 2, 255, 254, 10]));
  const r = run(['check', '.', '--format', 'json'], dir);
  assert.equal(r.status, 0, r.stderr);
  const files = JSON.parse(r.stdout) as { filePath: string; messages: { severity: string; message: string }[] }[];
  assert.deepEqual(files.map((f) => f.filePath).sort(), ['.github/workflows/ci.yml', 'app/web.yaml', 'chart/Chart.yaml', 'chart/templates/deploy.yaml', 'chart/values.yaml', 'junk.yaml']);
  const junk = files.find((f) => f.filePath === 'junk.yaml')!;
  assert.deepEqual(junk.messages.map((m) => m.severity), ['information']);
  const template = files.find((f) => f.filePath === 'chart/templates/deploy.yaml')!;
  assert.deepEqual(template.messages.map((m) => [m.severity, m.message]), [['information', 'Helm chart template (templates/ of a chart with Chart.yaml): not checked until rendered']]);
  assert.equal(files.filter((f) => f.filePath !== 'junk.yaml' && f !== template).flatMap((f) => f.messages).length, 0);
});

test('stylish and JSON list a chart template with its information finding; exit 0', () => {
  const dir = workspace({
    'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
    // No `{{` at all: skipped because it is in the chart's templates/ (a nested folder too).
    'chart/templates/tests/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: Not_A_Valid_Name\n',
  });
  const stylish = run(['check', '.'], dir);
  assert.equal(stylish.status, 0, stylish.stderr);
  assert.match(stylish.stdout, /^chart\/templates\/tests\/sa\.yaml\n {2}1:1 {2}info {5}Helm chart template \(templates\/ of a chart with Chart\.yaml\): not checked until rendered {2}template-skipped$/m);
  assert.match(stylish.stdout, /1 problem \(0 errors, 0 warnings, 1 info\)/);
  const json = JSON.parse(run(['check', '.', '--format', 'json'], dir).stdout) as { filePath: string; messages: { ruleId: string; severity: string; line: number; column: number }[] }[];
  const sa = json.find((f) => f.filePath === 'chart/templates/tests/sa.yaml')!;
  assert.deepEqual(sa.messages.map((m) => [m.ruleId, m.severity, m.line, m.column]), [['template-skipped', 'information', 1, 1]]);
});

test('`{{` in a dashboard ConfigMap is data: its own errors are reported and a Deployment mounting it finds it', () => {
  const dashboards = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dashboards\ndata:\n  d.json: |\n    {"legendFormat": "{{job}}"}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: grafana\nspec:\n  ports: [{port: http}]\n';
  const grafana = deployment('web').replace('          readinessProbe:', '          volumeMounts: [{name: d, mountPath: /d}]\n          readinessProbe:').replace('      containers:', '      volumes: [{name: d, configMap: {name: dashboards}}]\n      containers:');
  const r = run(['check', '.', '--format', 'json'], workspace({ 'dashboards.yaml': dashboards, 'grafana.yaml': grafana }));
  assert.equal(r.status, 1, r.stderr);
  const files = Object.fromEntries((JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; severity: string }[] }[]).map((f) => [f.filePath, f.messages]));
  assert.deepEqual(files['dashboards.yaml'].filter((m) => m.severity === 'error').map((m) => m.ruleId), ['schema/type']);
  assert.deepEqual(files['grafana.yaml'].filter((m) => m.ruleId === 'missing-reference'), []);
});

test('--help and --version exit 0', () => {
  const dir = workspace({});
  assert.match(run(['--help'], dir).stdout, /Usage: kubesight check/);
  assert.equal(run(['--version'], dir).status, 0);
});

test('a CRD in the checked files validates its custom resources, CEL rules included', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size:
                  type: integer
                  x-kubernetes-validations:
                    - rule: self > 0
                      message: size must be positive
`;
  const widget = (spec: string) => `apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n${spec}`;
  const ok = run(['check', '.', '--format', 'json'], workspace({ 'crd.yaml': crd, 'w.yaml': widget('  size: 3\n') }));
  assert.equal(ok.status, 0, ok.stdout);
  const bad = run(['check', '.', '--format', 'json'], workspace({ 'crd.yaml': crd, 'w.yaml': widget('  size: -1\n  colour: red\n') }));
  assert.equal(bad.status, 1);
  const messages = JSON.parse(bad.stdout).flatMap((f: { messages: { message: string }[] }) => f.messages.map((m) => m.message)).sort();
  assert.deepEqual(messages, ['spec.size: Invalid value: -1: size must be positive', 'unknown field "spec.colour"']);
  const alone = run(['check', 'w.yaml', '--format', 'json'], workspace({ 'w.yaml': widget('  size: -1\n') }));
  assert.equal(alone.status, 0, 'without its CRD a custom resource is information only');
});

test('former ids and categories in --rule and .kubesight.yaml; JSON names new ids and message ids; SARIF links each rule', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  replicas: 2\n  containers:\n    - name: p\n      image: busybox\n      securityContext: {privileged: true}\n';
  const dir = workspace({ 'pod.yaml': pod });
  const ids = (args: string[]) => (JSON.parse(run(['check', '.', '--format', 'json', ...args], dir).stdout) as { messages: { ruleId: string; messageId?: string }[] }[])[0].messages.map((m) => `${m.ruleId}${m.messageId ? `:${m.messageId}` : ''}`).sort();
  assert.deepEqual(ids([]), ['best-practice/privileged:privileged', 'best-practice/resource-requests:noRequests', 'image-tag:noTag', 'schema/unknown-field:violation']);
  assert.deepEqual(ids(['--rule', 'workload-best-practice=off', '--rule', 'schema=off']), ['image-tag:noTag']);
  assert.deepEqual(ids(['--rule', 'best-practice/*=off']), ['image-tag:noTag', 'schema/unknown-field:violation']);
  assert.equal(run(['check', '.', '--rule', 'best-practise/*=off'], dir).status, 2);
  writeFileSync(join(dir, '.kubesight.yaml'), 'rules:\n  workload-best-practice: off\n  image-tag: {options: {allow: [busybox]}}\n');
  assert.deepEqual(ids([]), ['schema/unknown-field:violation']);
  const sarif = JSON.parse(run(['check', '.', '--format', 'sarif'], dir).stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } } }[] };
  const rule = sarif.runs[0].tool.driver.rules.find((r) => r.id === 'schema/unknown-field');
  assert.equal(rule?.helpUri, 'https://github.com/kubesight/kubesight/blob/main/docs/rules.md#schemaunknown-field');
});
