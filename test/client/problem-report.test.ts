import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { logForReport, problemReport, redactLogLine, settingsForReport, type ReportFacts } from '../../client/src/support/problem-report';

const facts = (over: Partial<ReportFacts> = {}): ReportFacts => ({
  extensionVersion: '0.1.0',
  vscodeVersion: '1.100.3',
  appHost: 'web',
  uiKind: 'web',
  platform: 'linux',
  arch: 'x64',
  osRelease: '6.1.0',
  nodeVersion: '20.20.2',
  trusted: true,
  clusterViewState: 'ready',
  contextCount: 2,
  settings: { 'validate.enable': true, kubeconfig: '/home/ana/.kube/prod-config', 'cluster.readOnlyContexts': ['prod-eu'], 'immutable.against': '', rules: { 'image-tag': 'off' } },
  log: '',
  ...over,
});

test('paths and context names in settings become "(set)" / "(not set)"; other values stay', () => {
  const shown = settingsForReport(facts().settings);
  assert.deepEqual(shown, { 'validate.enable': true, kubeconfig: '(set)', 'cluster.readOnlyContexts': '(set)', 'immutable.against': '(not set)', rules: { 'image-tag': 'off' } });
});

test('credentials, long base64/hex runs, cluster URLs and home folders are scrubbed from log lines', () => {
  assert.equal(redactLogLine('token: abc.def'), 'token: ‹redacted›');
  assert.equal(redactLogLine('"password"="hunter2"'), '"password"=‹redacted›');
  assert.equal(redactLogLine(`data ${Buffer.from('a-secret-value-that-is-long-enough!').toString('base64')} end`), 'data ‹redacted› end');
  assert.equal(redactLogLine('GET https://k8s.corp.example:6443/api failed'), 'GET ‹url› failed');
  assert.equal(redactLogLine('GET http://127.0.0.1:8080/api ok'), 'GET http://127.0.0.1:8080/api ok');
  assert.equal(redactLogLine('opened /home/ana/shop/deploy.yaml'), 'opened /home/‹user›/shop/deploy.yaml');
  assert.equal(redactLogLine('[Info] 12 files checked in 40 ms'), '[Info] 12 files checked in 40 ms');
});

test('the log keeps its last lines only, drops lines that quote document text, and the report says how many', () => {
  const lines = Array.from({ length: 250 }, (_, i) => `line ${i}`);
  lines.splice(240, 0, '{"uri":"file:///x.yaml","text":"apiVersion: v1"}');
  const kept = logForReport(lines.join('\n'));
  assert.equal(kept.length, 200);
  assert.equal(kept.at(-1), 'line 249');
  assert.ok(!kept.some((l) => l.includes('apiVersion')));
  const report = problemReport(facts({ log: lines.join('\n') }));
  assert.match(report, /## Log \(last 200 lines, scrubbed\)/);
});

test('the report names the versions and the state, and holds no setting value that is a path or a name', () => {
  const report = problemReport(facts({ remoteName: 'ssh-remote' }));
  assert.match(report, /^- Kubesight 0\.1\.0$/m);
  assert.match(report, /^- VS Code 1\.100\.3 \(web, web, remote: ssh-remote\)$/m);
  assert.match(report, /^- Clusters view: ready, 2 context\(s\) in the kubeconfig$/m);
  assert.match(report, /^- workspace trusted: yes$/m);
  for (const leak of ['prod-config', '/home/ana', 'prod-eu']) assert.ok(!report.includes(leak), leak);
});
