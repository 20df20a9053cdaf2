// Shared set-up of the cluster tests: a seeded API test server, a kubeconfig file for it in a
// temp dir, and connections through the real modules.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterConnection, type ConnectionOptions } from '../../client/src/cluster/connection';
import { loadKubeconfig, type LoadedKubeconfig } from '../../client/src/cluster/kubeconfig';
import { KubeApiTestServer, type KubeconfigContext } from './api-server/server';
import { seedCluster } from './api-server/seed';
import { existsSync } from 'node:fs';

export interface ClusterFixture {
  server: KubeApiTestServer;
  dir: string;
  kubeconfigFile: string;
  kubeconfig: LoadedKubeconfig;
  connect(context?: string, options?: Partial<ConnectionOptions>): ClusterConnection;
}

export async function startCluster(contexts?: KubeconfigContext[]): Promise<ClusterFixture> {
  const server = await KubeApiTestServer.start();
  seedCluster(server);
  const dir = mkdtempSync(join(tmpdir(), 'kubesight-cluster-'));
  const kubeconfigFile = join(dir, 'config');
  writeFileSync(kubeconfigFile, server.kubeconfig(contexts));
  const kubeconfig = loadKubeconfig([kubeconfigFile], existsSync);
  return {
    server,
    dir,
    kubeconfigFile,
    kubeconfig,
    connect: (context = kubeconfig.currentContext!, options = {}) => ClusterConnection.open(kubeconfig, context, { trusted: true, allowExec: () => false, timeoutMs: 5000, ...options }),
  };
}
