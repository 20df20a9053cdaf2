// `kubesight check` against a chosen Kubernetes version: --kube-version, .kubesight.yaml, the output naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli as run } from './run';
import { tempWorkspace } from '../temp-workspace';
import { FLOW_SCHEMA_V1BETA3, STOP_SIGNAL } from '../versions/manifests';

const errorsOf = (stdout: string) =>
  (JSON.parse(stdout) as { messages: { severity: string; message: string }[] }[]).flatMap((f) => f.messages.filter((m) => m.severity === 'error').map((m) => m.message));

test('--kube-version selects the schemas: a 1.33 field fails on 1.31 and passes on 1.33', () => {
  const dir = tempWorkspace('kubesight-kv-', { 'web.yaml': STOP_SIGNAL });
  const old = run(['check', '.', '--format', 'json', '--kube-version', '1.31'], dir);
  assert.equal(old.status, 1, old.stderr);
  assert.deepEqual(errorsOf(old.stdout), ['unknown field "spec.template.spec.containers[0].lifecycle.stopSignal" (added in Kubernetes 1.33; the target is 1.31)']);
  assert.equal(JSON.parse(old.stdout)[0].kubernetesVersion, '1.31');
  assert.equal(JSON.parse(old.stdout)[0].kubernetesVersionFrom, '--kube-version');
  const current = run(['check', '.', '--format', 'json', '--kube-version', '1.33'], dir);
  assert.equal(current.status, 0, current.stdout);
});

test('an API removed in 1.32: exit 0 with a warning for 1.31, exit 1 for 1.32', () => {
  const dir = tempWorkspace('kubesight-kv-', { 'flow.yaml': FLOW_SCHEMA_V1BETA3 });
  const before = run(['check', '.', '--format', 'json', '--kube-version', '1.31'], dir);
  assert.equal(before.status, 0, before.stdout);
  assert.match(before.stdout, /is deprecated in v1\.29\+, unavailable in v1\.32\+/);
  assert.equal(run(['check', '.', '--kube-version', '1.32'], dir).status, 1);
});

test('a version that is not bundled exits 2 naming the supported range, from the flag or .kubesight.yaml', () => {
  const dir = tempWorkspace('kubesight-kv-', { 'web.yaml': STOP_SIGNAL });
  const r = run(['check', '.', '--kube-version', '9.99'], dir);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /Kubernetes version "9\.99" \(--kube-version\) is not supported: Kubesight bundles the schemas of Kubernetes 1\.30–1\.35/);
  const configured = tempWorkspace('kubesight-kv-', { 'web.yaml': STOP_SIGNAL, '.kubesight.yaml': 'kubernetesVersion: "1.20"\n' });
  const fromFile = run(['check', '.'], configured);
  assert.equal(fromFile.status, 2);
  assert.match(fromFile.stderr, /"1\.20" \(.*\.kubesight\.yaml\) is not supported/);
});

test('.kubesight.yaml sets the version unless --kube-version does; SARIF names it in the run', () => {
  const dir = tempWorkspace('kubesight-kv-', { 'web.yaml': STOP_SIGNAL, '.kubesight.yaml': 'kubernetesVersion: "1.32"\n' });
  const fromFile = run(['check', '.', '--format', 'json'], dir);
  assert.equal(fromFile.status, 1);
  assert.match(errorsOf(fromFile.stdout)[0], /the target is 1\.32\)$/);
  assert.match(JSON.parse(fromFile.stdout)[0].kubernetesVersionFrom, /\.kubesight\.yaml$/);
  assert.equal(run(['check', '.', '--kube-version', '1.34'], dir).status, 0);
  const sarif = JSON.parse(run(['check', '.', '--format', 'sarif', '--kube-version', '1.31'], dir).stdout);
  assert.deepEqual(sarif.runs[0].properties, { kubernetesVersion: '1.31', kubernetesVersionFrom: '--kube-version' });
});
