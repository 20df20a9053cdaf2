// The producers table (server/src/core/workspace/producers.ts): every entry has a fixture in
// test/fixtures/producers/<group>.<kind>.yaml whose first document is the producing object and
// whose other documents use what it produces. With the producer, the references, selectors and
// backends of the others resolve (no finding of the reference rules at all); without it, they
// do not (at least one finding), so each fixture proves its entry is what makes them resolve.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../server/src/core/workspace/workspace';
import { diagnoseWorkspaceFile } from '../server/src/core/features/diagnostics';
import { DEFAULT_CONFIG } from '../server/src/core/config';
import { bundledCatalog } from '../server/src/io/schema-source';
import { PRODUCERS } from '../server/src/core/workspace/producers';
import { clusterBuiltIn } from '../server/src/core/workspace/cluster-builtins';

import { RULE_NAMES } from '../server/src/core/rules';
const DIR = 'test/fixtures/producers';
const REFERENCE_RULES = new Set(['missing-reference', 'missing-key', 'service-no-pods', 'port-reference', ...RULE_NAMES.idsOf('dangling-backend'), 'statefulset-service']);
const catalog = bundledCatalog();

function referenceFindings(files: Record<string, string>, uri: string): string[] {
  let ws = Workspace.empty((g, k) => catalog.entriesForKind(k).find((e) => e.group === g)?.namespaced, true);
  for (const [u, text] of Object.entries(files)) ws = ws.withFile(u, text);
  return diagnoseWorkspaceFile(ws, uri, { catalog, config: DEFAULT_CONFIG })
    .filter((f) => REFERENCE_RULES.has(f.ruleId))
    .map((f) => `${f.severity} ${f.ruleId}: ${f.message}`);
}

test('every producer has a fixture, and every fixture a producer', () => {
  const fixtures = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, '')).sort();
  assert.deepEqual(fixtures, PRODUCERS.map((p) => `${p.group}.${p.kind}`).sort());
});

for (const producer of PRODUCERS) {
  const name = `${producer.group}.${producer.kind}`;
  test(`producer ${producer.kind} (${producer.group}): what it creates resolves, and only because of it`, () => {
    const [own, ...users] = readFileSync(join(DIR, `${name}.yaml`), 'utf8').split(/^---\n/m);
    const consumers = users.join('---\n');
    assert.deepEqual(referenceFindings({ 'producer.yaml': own, 'consumers.yaml': consumers }, 'consumers.yaml'), [], 'with the producer');
    assert.notDeepEqual(referenceFindings({ 'consumers.yaml': consumers }, 'consumers.yaml'), [], 'without the producer the references must not resolve');
  });
}

test('a producer of another group creates nothing: kinds are matched with their group', () => {
  const text = readFileSync(join(DIR, 'cert-manager.io.Certificate.yaml'), 'utf8').replace('cert-manager.io/v1', 'certs.example.com/v1');
  const [own, ...users] = text.split(/^---\n/m);
  assert.notDeepEqual(referenceFindings({ 'producer.yaml': own, 'consumers.yaml': users.join('---\n') }, 'consumers.yaml'), []);
});

test('a key the producer does not write is still a missing key, without a fix into the producer', () => {
  const text = readFileSync(join(DIR, 'cert-manager.io.Certificate.yaml'), 'utf8').replace('{key: tls.key, path: tls.key}', '{key: tls.pem, path: tls.pem}');
  const [own, ...users] = text.split(/^---\n/m);
  let ws = Workspace.empty((g, k) => catalog.entriesForKind(k).find((e) => e.group === g)?.namespaced, true);
  ws = ws.withFile('producer.yaml', own).withFile('consumers.yaml', users.join('---\n'));
  const found = diagnoseWorkspaceFile(ws, 'consumers.yaml', { catalog, config: DEFAULT_CONFIG }).filter((f) => f.ruleId === 'missing-key');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /key "tls.pem" not found in Secret "shop-tls-keypair" written by Certificate "shop-tls"/);
  assert.equal(found[0].fixes, undefined);
});

test('objects every cluster has', () => {
  assert.ok(clusterBuiltIn('', 'ServiceAccount', 'shop', 'default'));
  assert.deepEqual([...(clusterBuiltIn('', 'ConfigMap', 'shop', 'kube-root-ca.crt')?.keys ?? [])], ['ca.crt']);
  assert.ok(clusterBuiltIn('rbac.authorization.k8s.io', 'Role', 'kube-system', 'extension-apiserver-authentication-reader'));
  assert.equal(clusterBuiltIn('rbac.authorization.k8s.io', 'Role', 'shop', 'extension-apiserver-authentication-reader'), undefined);
  assert.ok(clusterBuiltIn('rbac.authorization.k8s.io', 'ClusterRole', '', 'system:auth-delegator'));
  assert.equal(clusterBuiltIn('', 'ServiceAccount', 'shop', 'builder'), undefined);
});
