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

export const E2E_CONTEXT = 'kubesight-e2e';

async function main(): Promise<void> {
  const file = process.argv[2] ?? join(tmpdir(), 'kubesight-e2e-kubeconfig');
  const server = await KubeApiTestServer.start();
  seedCluster(server);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, server.kubeconfig([{ name: E2E_CONTEXT, namespace: 'demo' }]));
  console.log(file);
  console.log(`api server ${server.url}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

void main();
