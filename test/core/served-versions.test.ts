import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitApiVersion } from '../../server/src/core/model/resource';
import { apiVersionStatus } from '../../server/src/core/schema/served-versions';
import { bundledCatalog } from '../../server/src/io/schema-source';

const catalog = bundledCatalog();
const withCrd = catalog.withCustomKinds([{ group: 'monitoring.coreos.com', version: 'v1', kind: 'ServiceMonitor', namespaced: true }]);
const status = (apiVersion: string, kind: string, c = catalog) => apiVersionStatus(c, { apiVersion, ...splitApiVersion(apiVersion), kind });

test('a group without a schema is no schema, whatever kinds other groups serve', () => {
  assert.equal(status('serving.example.dev/v1', 'Service').status, 'no-schema');
  assert.equal(status('azmonitoring.coreos.com/v1', 'ServiceMonitor', withCrd).status, 'no-schema');
  assert.equal(status('example.com/v1', 'Deployment').status, 'no-schema');
  // One letter from a custom group is still another group: only built-in groups get typo suggestions.
  assert.equal(status('monitoring.coreos.co/v1', 'ServiceMonitor', withCrd).status, 'no-schema');
});

test('known groups and typos of served groups are not served, with the served version suggested', () => {
  assert.deepEqual(status('app/v1', 'Deployment'), { status: 'not-served', served: ['apps/v1'], suggestion: 'apps/v1' });
  assert.deepEqual(status('Apps/v1', 'Deployment'), { status: 'not-served', served: ['apps/v1'], suggestion: 'apps/v1' });
  assert.equal(status('v1', 'Deployment').status, 'not-served');
  assert.deepEqual(status('monitoring.coreos.com/v1alpha1', 'ServiceMonitor', withCrd), { status: 'not-served', served: ['monitoring.coreos.com/v1'], suggestion: 'monitoring.coreos.com/v1' });
  assert.equal(status('V1', 'Service').status, 'not-served');
});

test('served, removed and unknown kinds of built-in groups', () => {
  assert.equal(status('apps/v1', 'Deployment').status, 'served');
  assert.equal(status('monitoring.coreos.com/v1', 'ServiceMonitor', withCrd).status, 'served');
  assert.deepEqual(status('extensions/v1beta1', 'Ingress'), { status: 'removed', release: '1.22', replacement: 'networking.k8s.io/v1' });
  assert.deepEqual(status('v1', 'configmap'), { status: 'unknown-kind', suggestion: 'ConfigMap' });
});

test('kinds of the bundled CRD catalog are served; its groups in another version are no schema, never an error', () => {
  const served = status('cert-manager.io/v1', 'Certificate');
  assert.equal(served.status, 'served');
  assert.equal(served.status === 'served' && served.entry.source, 'catalog');
  const older = status('cert-manager.io/v1alpha2', 'Certificate');
  assert.equal(older.status, 'no-schema');
  assert.deepEqual(older.status === 'no-schema' && older.catalogServes, ['cert-manager.io/v1']);
  // The version the catalog has may stand in for it (findings as warnings, the schema rule's choice).
  assert.deepEqual(older.status === 'no-schema' && older.standIn && [older.standIn.group, older.standIn.version, older.standIn.source], ['cert-manager.io', 'v1', 'catalog']);
  // A workspace CRD wins over the catalog, and its versions are the only ones served.
  assert.equal(status('monitoring.coreos.com/v1', 'ServiceMonitor', withCrd).status === 'served' && (status('monitoring.coreos.com/v1', 'ServiceMonitor', withCrd) as { entry: { source: string } }).entry.source, 'crd');
});

test('a megabyte-long group is classified at once (no edit-distance table for it)', () => {
  const started = Date.now();
  assert.equal(status(`${'a'.repeat(1_000_000)}/v1`, 'Deployment').status, 'no-schema');
  assert.ok(Date.now() - started < 1000);
});
