// The target Kubernetes version: the schemas, API availability and messages of each bundled release.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/core/model/parse';
import { diagnoseFile } from '../../server/src/core/features/diagnostics';
import { hover } from '../../server/src/core/features/hover';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/core/config';
import { targetVersion } from '../../server/src/core/features/target-version';
import { bundledVersions } from '../../server/src/io/schema-source';
import { DEVICE_CLASS_V1, FLOW_SCHEMA_V1BETA3, STOP_SIGNAL } from './manifests';

const versions = bundledVersions();

function findings(text: string, version: string) {
  const catalog = versions.catalog(version);
  assert.ok(catalog, `${version} is bundled`);
  // Best-practice information is the same in every release.
  return diagnoseFile(parseFile(text), { catalog, config: DEFAULT_CONFIG })
    .filter((f) => f.severity !== 'info')
    .map((f) => `${f.severity} ${f.ruleId}: ${f.message}`);
}

test('the bundled versions are 1.30 to 1.35, each with its own schemas', () => {
  assert.deepEqual(versions.versions, ['1.30', '1.31', '1.32', '1.33', '1.34', '1.35']);
  for (const v of versions.versions) assert.equal(versions.catalog(v)!.kubernetesVersion, v);
  assert.equal(versions.catalog('v1.31.4-eks-1234')!.kubernetesVersion, '1.31');
  assert.equal(versions.catalog('1.29'), undefined);
  assert.equal(versions.catalog('9.99'), undefined);
});

test('a field added in 1.33 is an error for 1.31 and 1.32, naming the release, and clean from 1.33', () => {
  for (const v of ['1.30', '1.31', '1.32']) {
    assert.deepEqual(findings(STOP_SIGNAL, v), [`error schema/unknown-field: unknown field "spec.template.spec.containers[0].lifecycle.stopSignal" (added in Kubernetes 1.33; the target is ${v})`], v);
  }
  for (const v of ['1.33', '1.34', '1.35']) assert.deepEqual(findings(STOP_SIGNAL, v), [], v);
});

test('a field removed in 1.31 (PodResourceClaim.source) is an error from 1.31 that says it was removed', () => {
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27.3\n  resourceClaims:\n    - name: gpu\n      source:\n        resourceClaimName: gpu\n';
  assert.deepEqual(findings(pod, '1.30'), []);
  assert.deepEqual(findings(pod, '1.31'), ['error schema/unknown-field: unknown field "spec.resourceClaims[0].source" (removed after Kubernetes 1.30; the target is 1.31)']);
});

test('an API removed in 1.32 is a deprecation warning before and an error from 1.32', () => {
  for (const v of ['1.30', '1.31']) {
    assert.deepEqual(findings(FLOW_SCHEMA_V1BETA3, v), ['warning api-version: flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is deprecated in v1.29+, unavailable in v1.32+; use flowcontrol.apiserver.k8s.io/v1 FlowSchema'], v);
  }
  for (const v of ['1.32', '1.33', '1.34', '1.35']) {
    assert.deepEqual(findings(FLOW_SCHEMA_V1BETA3, v), ['error api-version: flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema was removed in Kubernetes 1.32; use flowcontrol.apiserver.k8s.io/v1'], v);
  }
});

test('an API first served in 1.34 is not served for 1.33, which is told what it serves instead', () => {
  const [finding, ...rest] = findings(DEVICE_CLASS_V1, '1.33');
  assert.deepEqual(rest, []);
  assert.match(finding, /^error api-version: no matches for kind "DeviceClass" in version "resource\.k8s\.io\/v1" \(served from Kubernetes 1\.34; the target is 1\.33\); Kubernetes 1\.33 serves it as (resource\.k8s\.io\/v1\w+, )*resource\.k8s\.io\/v1beta\d/);
  assert.deepEqual(findings(DEVICE_CLASS_V1, '1.34'), []);
});

test('v1 Endpoints is deprecated from 1.33 only', () => {
  const endpoints = 'apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: e\n';
  assert.deepEqual(findings(endpoints, '1.32'), []);
  assert.deepEqual(findings(endpoints, '1.33'), ['warning api-version: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice']);
});

test('hover names the target and its source, and a field newer than the target says so', () => {
  const file = parseFile(STOP_SIGNAL);
  const at = (word: string) => STOP_SIGNAL.indexOf(word) + 1;
  const older = hover(file, at('stopSignal'), versions.catalog('1.31')!, undefined, '.kubesight.yaml');
  assert.equal(older?.contents, '**spec.template.spec.containers[0].lifecycle.stopSignal**: not a field in Kubernetes 1.31 (.kubesight.yaml): added in Kubernetes 1.33');
  const newer = hover(file, at('stopSignal'), versions.catalog('1.33')!, undefined, 'cluster "prod"');
  assert.match(newer?.contents ?? '', /kubernetes-api\/v1\.33\/.*· Kubernetes 1\.33 \(cluster "prod"\)$/m);
});

test('the target: the user\'s version first, then the cluster\'s, then the newest; never silently another', () => {
  const cluster = { gitVersion: 'v1.32.7-gke.100', context: 'prod' };
  const set = mergeConfig(DEFAULT_CONFIG, { kubernetesVersion: '1.31' }, '--kube-version');
  assert.deepEqual(targetVersion(versions, set, cluster), { version: '1.31', from: '--kube-version' });
  assert.deepEqual(targetVersion(versions, DEFAULT_CONFIG, cluster), { version: '1.32', from: 'cluster "prod"' });
  assert.deepEqual(targetVersion(versions, DEFAULT_CONFIG), { version: '1.35', from: 'the newest bundled version' });
  // The editor setting's default is empty: it sets nothing.
  assert.deepEqual(targetVersion(versions, mergeConfig(DEFAULT_CONFIG, { kubernetesVersion: '' }, 'setting')), { version: '1.35', from: 'the newest bundled version' });
  const unsupported = targetVersion(versions, mergeConfig(DEFAULT_CONFIG, { kubernetesVersion: '1.29' }, '.kubesight.yaml'), cluster);
  assert.equal(unsupported.problem, 'Kubernetes version "1.29" (.kubesight.yaml) is not supported: Kubesight bundles the schemas of Kubernetes 1.30–1.35');
  assert.equal(unsupported.version, '1.30');
  assert.equal(targetVersion(versions, mergeConfig(DEFAULT_CONFIG, { kubernetesVersion: '9.99' }, 'x')).version, '1.35');
  const oldCluster = targetVersion(versions, DEFAULT_CONFIG, { gitVersion: 'v1.28.3', context: 'old' });
  assert.deepEqual([oldCluster.version, oldCluster.problem], ['1.30', undefined]);
  assert.match(oldCluster.note ?? '', /cluster "old" runs Kubernetes v1\.28\.3; Kubesight bundles 1\.30–1\.35, so it checks against 1\.30/);
});

test('.kubesight.yaml: a version that is not bundled is an error on its value', () => {
  const text = 'kubernetesVersion: "1.29"\n';
  const catalog = versions.catalog('1.35')!;
  const [finding, ...rest] = diagnoseFile(parseFile(text), { catalog, config: DEFAULT_CONFIG, uri: 'file:///w/.kubesight.yaml' });
  assert.deepEqual(rest, []);
  assert.equal(finding.severity, 'error');
  assert.equal(finding.message, 'kubernetesVersion: Unsupported value: "1.29": supported values: "1.30", "1.31", "1.32", "1.33", "1.34", "1.35" (the Kubernetes versions whose schemas Kubesight bundles)');
  assert.equal(text.slice(finding.start, finding.end), '"1.29"');
});
