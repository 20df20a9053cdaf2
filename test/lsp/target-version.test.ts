// The language server's target Kubernetes version: the connected cluster's /version (from the API
// test server, through the client's cluster index) selects the schemas; the setting wins over it; a
// setting that is not bundled is said, not silently replaced.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient, type Diagnostic } from './client';
import { tempWorkspace } from '../temp-workspace';
import { startCluster, type ClusterFixture } from '../cluster/setup';
import { buildClusterIndex } from '../../client/src/cluster/cluster-index';
import { STOP_SIGNAL } from '../versions/manifests';

const dir = tempWorkspace('kubesight-target-', { 'web.yaml': STOP_SIGNAL });
const uri = pathToFileURL(join(dir, 'web.yaml')).href;
const schemaErrors = (d: Diagnostic[]) => d.filter((x) => String(x.code).startsWith('schema/') && x.severity === 1).map((x) => x.message);
const STOP_SIGNAL_ERROR = (target: string) => `unknown field "spec.template.spec.containers[0].lifecycle.stopSignal" (added in Kubernetes 1.33; the target is ${target})`;

let cluster: ClusterFixture;
before(async () => {
  cluster = await startCluster();
});
after(() => cluster.server.close());

test('the cluster\'s /version selects the schemas; disconnecting returns to the newest', async () => {
  const client = await LspClient.start({ rules: { 'workload-best-practice': 'off' } }, dir);
  try {
    assert.deepEqual(schemaErrors(await client.open(uri, STOP_SIGNAL)), []);
    assert.deepEqual(await client.request('kubesight/targetVersion', { uri }), { version: '1.35', from: 'the newest bundled version' });

    cluster.server.gitVersion = 'v1.31.6-gke.1000';
    const index = await buildClusterIndex(cluster.connect(), 'demo');
    const changed = client.notification('kubesight/targetVersionChanged');
    const older = client.diagnosticsWhere(uri, (d) => schemaErrors(d).length > 0);
    client.notify('kubesight/clusterIndex', index);
    await changed;
    assert.deepEqual(schemaErrors(await older), [STOP_SIGNAL_ERROR('1.31')]);
    assert.deepEqual(await client.request('kubesight/targetVersion', { uri }), { version: '1.31', from: 'cluster "test"' });
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 15, character: 14 } });
    assert.match(hover.contents.value, /not a field in Kubernetes 1\.31 \(cluster "test"\): added in Kubernetes 1\.33/);

    const back = client.diagnosticsWhere(uri, (d) => schemaErrors(d).length === 0);
    client.notify('kubesight/clusterIndex', null);
    await back;
  } finally {
    await client.close();
  }
});

test('the setting wins over the cluster; a setting that is not bundled is an error message, and the newest is used', async () => {
  const pinned = await LspClient.start({ kubernetesVersion: '1.32' }, dir);
  try {
    assert.deepEqual(schemaErrors(await pinned.open(uri, STOP_SIGNAL, (d) => schemaErrors(d).length > 0)), [STOP_SIGNAL_ERROR('1.32')]);
    cluster.server.gitVersion = 'v1.34.1';
    pinned.notify('kubesight/clusterIndex', await buildClusterIndex(cluster.connect(), 'demo'));
    assert.deepEqual(await pinned.request('kubesight/targetVersion', { uri }), { version: '1.32', from: 'the kubesight.kubernetesVersion setting' });
  } finally {
    await pinned.close();
  }
  const unsupported = await LspClient.start({ kubernetesVersion: '9.99' }, dir);
  try {
    const told = unsupported.notification<{ type: number; message: string }>('window/showMessageRequest');
    await unsupported.open(uri, STOP_SIGNAL);
    const message = await told;
    assert.equal(message.type, 1);
    assert.equal(message.message, 'Kubesight: Kubernetes version "9.99" (the kubesight.kubernetesVersion setting) is not supported: Kubesight bundles the schemas of Kubernetes 1.30–1.35; checking against 1.35.');
    const info = await unsupported.request<{ version: string; problem?: string }>('kubesight/targetVersion', { uri });
    assert.equal(info.version, '1.35');
    assert.match(info.problem ?? '', /not supported/);
  } finally {
    await unsupported.close();
  }
});
