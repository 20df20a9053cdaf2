// Schemas from the connected cluster: the API test server serves /openapi/v3 for a CRD it holds;
// the client fetches the custom group-versions (again only when their hash changes), the server's
// core turns them into catalog entries that win over the bundled catalog and lose to a workspace
// CRD; an unreachable cluster leaves the catalog.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fetchClusterSchemas, type SchemaDocumentCache } from '../../client/src/cluster/cluster-schemas';
import { clusterSchemasOf, NO_CLUSTER_SCHEMAS } from '../../server/src/core/schema/cluster-schemas';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { diagnoseWorkspaceFile } from '../../server/src/core/features/diagnostics';
import { hover } from '../../server/src/core/features/hover';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { WorkspaceCatalog } from '../../server/src/core/workspace/custom-kinds';
import { bundledCatalog } from '../../server/src/io/schema-source';
import { startCluster, type ClusterFixture } from './setup';

let f: ClusterFixture;
const catalog = bundledCatalog();

// A cert-manager.io/v1 Certificate of an imagined older release: no `privateKey` field, and a
// `keySize` the bundled catalog's Certificate does not have. Written for this test.
const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'certificates.cert-manager.io' },
  spec: {
    group: 'cert-manager.io',
    names: { kind: 'Certificate', plural: 'certificates' },
    scope: 'Namespaced',
    versions: [
      {
        name: 'v1', served: true, storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', required: ['secretName'], properties: { secretName: { type: 'string' }, keySize: { type: 'integer' }, dnsNames: { type: 'array', items: { type: 'string' } } } } } } },
      },
    ],
  },
};

const certificate = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: shop
spec:
  secretName: shop-tls
  keySize: 2048
  dnsNames: [shop.example.com]
`;

before(async () => {
  f = await startCluster();
  f.server.crds.push(crd);
});
after(async () => f.server.close());

const errors = (text: string, c = catalog) => {
  const ws = Workspace.empty(undefined, true).withFile('cert.yaml', text);
  const withSources = new WorkspaceCatalog(c).for(ws);
  return diagnoseWorkspaceFile(ws, 'cert.yaml', { catalog: withSources, config: DEFAULT_CONFIG }).filter((x) => x.ruleId.startsWith('schema/') && x.severity !== 'info').map((x) => x.message);
};

test('the client fetches the custom group-versions of /openapi/v3 only, and a document again only when its hash changes', async () => {
  const cache: SchemaDocumentCache = new Map();
  const first = await fetchClusterSchemas(f.connect(), cache);
  assert.deepEqual(first.documents.map((d) => d.path), ['apis/cert-manager.io/v1']);
  assert.ok(first.documents[0].hash.length > 0);
  assert.ok('io.cert-manager.v1.Certificate' in first.documents[0].schemas);
  const fetches = () => f.server.requests.filter((r) => r.path === '/openapi/v3/apis/cert-manager.io/v1').length;
  const before = fetches();
  await fetchClusterSchemas(f.connect(), cache);
  assert.equal(fetches(), before, 'unchanged hash: served from the cache');
  (crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties as Record<string, object>).duration = { type: 'string' };
  const changed = await fetchClusterSchemas(f.connect(), cache);
  assert.equal(fetches(), before + 1, 'a new hash: fetched again');
  assert.notEqual(changed.documents[0].hash, first.documents[0].hash);
});

test("the cluster's schema wins over the bundled catalog; hover says which source checked the kind", async () => {
  assert.match(errors(certificate).join('\n'), /unknown field "spec\.keySize"/, 'the catalog checks without a cluster');
  const schemas = clusterSchemasOf(await fetchClusterSchemas(f.connect(), new Map()));
  const entry = schemas.kinds.find((k) => k.kind === 'Certificate');
  assert.equal(entry?.source, 'cluster');
  const withCluster = catalog.withCustomKinds([], { cluster: schemas.kinds });
  assert.equal(withCluster.entry('cert-manager.io', 'v1', 'Certificate')?.source, 'cluster');
  assert.equal(withCluster.isNamespaced('cert-manager.io', 'Certificate'), true, 'the scope the OpenAPI lacks comes from the catalog');
  assert.deepEqual(errors(certificate, withCluster), []);
  assert.deepEqual(errors(certificate.replace('keySize: 2048', 'keySize: large'), withCluster), ['spec.keySize: Invalid value: "string": spec.keySize in body must be of type integer: "string"']);
  const ws = Workspace.empty(undefined, true).withFile('cert.yaml', certificate);
  const shown = hover(ws.file('cert.yaml')!.parsed, certificate.indexOf('keySize'), withCluster, ws);
  assert.match(shown?.contents ?? '', /Schema from the cluster \(context "[^"]+", \/openapi\/v3\/apis\/cert-manager\.io\/v1\)/);
  const fromCatalog = hover(ws.file('cert.yaml')!.parsed, certificate.indexOf('secretName'), catalog, ws);
  assert.match(fromCatalog?.contents ?? '', /Schema from the bundled catalog: cert-manager \(cert-manager\/cert-manager at [0-9a-f]{12}, \d{4}-\d\d-\d\d\)/);
});

test('a CRD in the workspace wins over the cluster', async () => {
  const schemas = clusterSchemasOf(await fetchClusterSchemas(f.connect(), new Map()));
  const workspaceCrd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: certificates.cert-manager.io
spec:
  group: cert-manager.io
  names: {kind: Certificate, plural: certificates}
  scope: Namespaced
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
                secretName: {type: string}
`;
  const ws = Workspace.empty(undefined, true).withFile('crd.yaml', workspaceCrd).withFile('cert.yaml', certificate);
  const c = new WorkspaceCatalog(catalog).for(ws, { cluster: schemas.kinds, clusterKey: schemas.key });
  assert.equal(c.entry('cert-manager.io', 'v1', 'Certificate')?.source, 'crd');
  const messages = diagnoseWorkspaceFile(ws, 'cert.yaml', { catalog: c, config: DEFAULT_CONFIG }).filter((x) => x.ruleId.startsWith('schema/')).map((x) => x.message);
  assert.ok(messages.some((m) => m.startsWith('unknown field "spec.keySize"')), messages.join('\n'));
});

test('an unreachable cluster gives no schemas: the bundled catalog checks', async () => {
  const other = await startCluster();
  const conn = other.connect(undefined, { timeoutMs: 1000 });
  await other.server.close();
  await assert.rejects(fetchClusterSchemas(conn, new Map()));
  // The client then sends null, which the server reads as no cluster schemas.
  assert.deepEqual(clusterSchemasOf(null), NO_CLUSTER_SCHEMAS);
  const c = catalog.withCustomKinds([], { cluster: clusterSchemasOf(null).kinds });
  assert.equal(c.entry('cert-manager.io', 'v1', 'Certificate')?.source, 'catalog');
  assert.match(errors(certificate, c).join('\n'), /unknown field "spec\.keySize"/);
});
