// The bundled CRD catalog (schemas/catalog): generated from ../shared/crds and committed, so it is
// regenerated here and compared; every project's custom resources are checked like built-in kinds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateCrdCatalog, CATALOG_PROJECTS } from '../../scripts/crd-catalog';
import { listFilesRecursive } from '../../scripts/generate-schemas';
import { DEFAULT_CONFIG, mergeConfig } from '../../server/src/core/config';
import { diagnoseWorkspaceFile } from '../../server/src/core/features/diagnostics';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { bundledCatalog } from '../../server/src/io/schema-source';
import { CASES } from './cases';

const CRDS = resolve('../shared/crds');
const CATALOG = resolve('schemas/catalog');
const catalog = bundledCatalog();
// The objects stand alone: what they reference lives elsewhere.
const config = mergeConfig(DEFAULT_CONFIG, { rules: { 'missing-reference': 'off', 'dangling-backend': 'off', 'route-parent': 'off', 'monitor-target': 'off', 'service-no-pods': 'off' } });

test('schemas/catalog is up to date with ../shared/crds', () => {
  assert.ok(existsSync(CRDS), `CRD source folder ${CRDS} is missing: the staleness check cannot run without it`);
  const expected = generateCrdCatalog({ readText: (rel) => readFileSync(join(CRDS, rel), 'utf8') });
  const committed = existsSync(CATALOG) ? listFilesRecursive(CATALOG) : [];
  const stale = [
    ...[...expected.keys()].filter((f) => !committed.includes(f) || readFileSync(join(CATALOG, f), 'utf8') !== expected.get(f)),
    ...committed.filter((f) => !expected.has(f)),
  ];
  assert.deepEqual(stale, [], 'schemas/catalog is stale; run: npm run crd-catalog');
  for (const project of CATALOG_PROJECTS) assert.ok(expected.has(`LICENSES/${project}.txt`), `${project} ships without its license`);
});

const findings = (text: string) => {
  const ws = Workspace.empty(undefined, true).withFile('cr.yaml', text);
  return diagnoseWorkspaceFile(ws, 'cr.yaml', { catalog, config }).filter((f) => f.severity === 'error' || f.severity === 'warning');
};

test('every catalog project has a case', () => {
  const folders = new Set(CATALOG_PROJECTS);
  assert.deepEqual([...new Set(CASES.map((c) => c.project))].sort(), [...folders].sort());
});

for (const c of CASES) {
  test(`${c.project}: a valid custom resource is clean`, () => {
    assert.deepEqual(findings(c.valid).map((f) => `${f.ruleId}: ${f.message}`), []);
  });

  test(`${c.project}: a typo'd field, a wrong type and a bad enum value are errors at the field`, () => {
    const got = findings(c.invalid);
    const shown = got.map((f) => `${f.severity} ${f.ruleId} @${JSON.stringify(c.invalid.slice(f.start, f.end))}: ${f.message}`).join('\n');
    for (const [at, message] of c.expect) {
      const start = c.invalid.indexOf(at);
      assert.ok(start >= 0, `${at} is not in the case`);
      const hit = got.find((f) => message.test(f.message));
      assert.ok(hit, `no finding ${message} in:\n${shown}`);
      assert.equal(hit.severity, 'error', shown);
      assert.equal(hit.start, start, `${message} starts at ${JSON.stringify(c.invalid.slice(hit.start, hit.end))}, not ${JSON.stringify(at)}`);
    }
    assert.equal(got.length, c.expect.length, shown);
  });
}

test('Gateway API channels: standard by default, experimental by setting, never merged within a kind', () => {
  const experimental = catalog.withCustomKinds([], { channel: 'experimental' });
  const standardRoute = catalog.entry('gateway.networking.k8s.io', 'v1', 'HTTPRoute');
  const experimentalRoute = experimental.entry('gateway.networking.k8s.io', 'v1', 'HTTPRoute');
  assert.match(standardRoute?.origin ?? '', /standard channel/);
  assert.match(experimentalRoute?.origin ?? '', /experimental channel/);
  assert.notEqual(standardRoute?.hash, experimentalRoute?.hash, 'the experimental HTTPRoute has more fields');
  // The experimental group exists in that channel only; a kind only the other channel serves is checked with its schema.
  assert.equal(catalog.entry('gateway.networking.x-k8s.io', 'v1alpha1', 'XBackendTrafficPolicy')?.origin?.includes('experimental channel'), true);
  const inStandard = findings(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: shop
spec:
  parentRefs: [{name: edge}]
  rules:
    - name: api
      backendRefs: [{name: shop-api, port: 8080}]
`).map((f) => f.message);
  assert.deepEqual(inStandard.filter((m) => m.includes('unknown field')), [], `rules[].name is in both channels: ${inStandard.join('; ')}`);
});

test('gatewayAPIChannel in .kubesight.yaml: read by the config, checked by config-file', async () => {
  const { configFileReports } = await import('../../server/src/core/rules/config-file');
  assert.deepEqual(configFileReports('gatewayAPIChannel: experimental\n', { names: [], rules: [] }), []);
  assert.deepEqual(configFileReports('gatewayAPIChannel: experimentel\n', { names: [], rules: [] }).map((r) => r.message), ['gatewayAPIChannel: Unsupported value: "experimentel": supported values: "standard", "experimental" (did you mean "experimental"?); the setting has no effect']);
  assert.equal(mergeConfig(DEFAULT_CONFIG, { gatewayAPIChannel: 'experimental' }).gatewayAPIChannel, 'experimental');
  assert.equal(mergeConfig(DEFAULT_CONFIG, { gatewayAPIChannel: 'nightly' }).gatewayAPIChannel, undefined);
});

test('a catalog kind in a version the catalog lacks is checked against the version it has, findings as warnings', () => {
  const all = (text: string) => diagnoseWorkspaceFile(Workspace.empty(undefined, true).withFile('cr.yaml', text), 'cr.yaml', { catalog, config });
  // Flux made OCIRepository v1 with the fields of v1beta2; the bundled release serves v1 only.
  const valid = `apiVersion: source.toolkit.fluxcd.io/v1beta2
kind: OCIRepository
metadata:
  name: podinfo
  namespace: flux-system
spec:
  interval: 10m
  url: oci://ghcr.io/stefanprodan/manifests/podinfo
  ref:
    tag: "6.7.0"
  verify:
    provider: cosign
`;
  const clean = all(valid);
  assert.deepEqual(clean.filter((f) => f.severity !== 'info').map((f) => f.message), []);
  const note = clean.find((f) => f.ruleId === 'schema/no-schema');
  assert.match(note?.message ?? '', /checked against source\.toolkit\.fluxcd\.io\/v1, the version/);
  assert.doesNotMatch(note?.message ?? '', /not checked/);
  const broken = valid.replace('  interval: 10m', '  intervall: 10m\n  suspend: "yes"');
  const got = all(broken).filter((f) => f.severity !== 'info');
  const shown = got.map((f) => `${f.severity} ${f.message}`).join('\n');
  assert.ok(got.length >= 2, shown);
  assert.ok(got.every((f) => f.severity === 'warning'), `another version's schema gives no errors:\n${shown}`);
  assert.ok(got.some((f) => /unknown field "spec\.intervall"/.test(f.message) && broken.slice(f.start, f.end) === 'intervall'), shown);
  assert.ok(got.some((f) => /spec\.suspend/.test(f.message) && /checked against source\.toolkit\.fluxcd\.io\/v1; source\.toolkit\.fluxcd\.io\/v1beta2 may differ/.test(f.message)), shown);
});
