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
import type { Obj } from './api-server/store';

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

/** A running, ready Pod in `demo` (for exec and port-forward tests). */
export function readyPod(name: string, labels: Record<string, string>, containers: Obj[]): Obj {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'demo', labels },
    spec: { nodeName: 'node-1', containers },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: containers.map((c) => ({ name: c.name, ready: true, restartCount: 0, state: { running: {} } })) },
  };
}
