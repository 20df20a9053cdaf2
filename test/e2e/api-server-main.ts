// The e2e run's cluster: starts the Kubernetes API test server on 127.0.0.1 (random port), seeds
// it like the cluster tests do, writes a kubeconfig for it and prints that file's path as the
// first line of stdout. Runs until SIGTERM/SIGINT. Started by test/e2e/run.mjs through tsx.
//
//   tsx test/e2e/api-server-main.ts [KUBECONFIG_FILE]
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { KubeApiTestServer } from '../cluster/api-server/server';
import { seedCluster } from '../cluster/api-server/seed';
import { recordUpdate } from '../cluster/api-server/merge';
import { findType } from '../cluster/api-server/resources';

export const E2E_CONTEXT = 'kubesight-e2e';

/**
 * Deployment `web` and Secret `db-credentials` as `kubectl apply` leaves them: with managedFields,
 * and the Secret with its values in the last-applied-configuration annotation. The explorer's
 * Open YAML must hide the former and mask the latter.
 */
function asAppliedByKubectl(server: KubeApiTestServer): void {
  for (const [apiVersion, kind, plural, name] of [['apps/v1', 'Deployment', 'deployments', 'web'], ['v1', 'Secret', 'secrets', 'db-credentials']]) {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const type = findType(group, version, plural)!;
    const live = server.store.get(type, 'demo', name)!;
    const applied = { apiVersion, kind, metadata: { name, namespace: 'demo' }, ...(kind === 'Secret' ? { type: live.type, data: live.data } : { spec: live.spec }) };
    const metadata = kind === 'Secret' ? { ...live.metadata, annotations: { ...live.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(applied)}\n` } } : live.metadata;
    const updated = recordUpdate({ ...live, metadata }, applied, 'kubectl-client-side-apply');
    server.store.replace(type, updated);
  }
}

async function main(): Promise<void> {
  const file = process.argv[2] ?? join(tmpdir(), 'kubesight-e2e-kubeconfig');
  const server = await KubeApiTestServer.start();
  seedCluster(server);
  asAppliedByKubectl(server);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, server.kubeconfig([{ name: E2E_CONTEXT, namespace: 'demo' }]));
  console.log(file);
  console.log(`api server ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
