// The cluster explorer against the Kubernetes API test server, started here on 127.0.0.1 and named
// through the kubesight.kubeconfig setting: the tree's items and their status, the live-status code
// lenses, and the states the Clusters view shows a welcome view for.
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { KubeApiTestServer } from '../cluster/api-server/server';
import { seedCluster } from '../cluster/api-server/seed';
import { api, closeAll, eventually, labelOf, withSetting, workspaceFile } from './helpers';

const CONTEXT = 'kubesight-exthost';

async function childrenOf(parent?: unknown): Promise<{ node: unknown; item: vscode.TreeItem }[]> {
  const { clusterTree } = await api();
  const nodes = (await clusterTree.getChildren(parent as never)) ?? [];
  return Promise.all(nodes.map(async (node) => ({ node, item: await clusterTree.getTreeItem(node as never) })));
}

/** Walks the tree by labels from the root; fails with the labels seen where one is missing. */
async function walk(...labels: string[]): Promise<{ node: unknown; item: vscode.TreeItem }> {
  let parent: unknown;
  let found: { node: unknown; item: vscode.TreeItem } | undefined;
  for (const label of labels) {
    const children = await childrenOf(parent);
    found = children.find((c) => labelOf(c.item) === label);
    assert.ok(found, `no "${label}" under ${labels.slice(0, labels.indexOf(label)).join(' → ') || 'the root'}: ${children.map((c) => labelOf(c.item)).join(', ')}`);
    parent = found.node;
  }
  return found!;
}

describe('cluster explorer (Kubernetes API test server)', () => {
  let server: KubeApiTestServer;
  let kubeconfig: string;

  before(async () => {
    server = await KubeApiTestServer.start();
    seedCluster(server);
    kubeconfig = join(mkdtempSync(join(tmpdir(), 'kubesight-exthost-')), 'kubeconfig');
    writeFileSync(kubeconfig, server.kubeconfig([{ name: CONTEXT, namespace: 'demo' }]));
    assert.match(server.url, /^https?:\/\/127\.0\.0\.1:/);
  });
  after(async () => {
    await closeAll();
    await server?.close();
  });

  it('the workspace is trusted here, and the view is ready with the kubeconfig set', async () => {
    assert.equal(vscode.workspace.isTrusted, true);
    await withSetting('kubeconfig', kubeconfig, async () => {
      const { clusterViewState } = await api();
      await eventually('view state ready', () => (clusterViewState() === 'ready' ? true : undefined));
      const roots = await childrenOf();
      assert.deepEqual(roots.map((r) => labelOf(r.item)), [CONTEXT]);
      assert.match(String(roots[0].item.description), /active/);
    });
  });

  it('context → demo → Workloads → Deployments shows web with "3/3 ready"', async () => {
    await withSetting('kubeconfig', kubeconfig, async () => {
      const web = await eventually('web in the tree', () => walk(CONTEXT, 'demo', 'Workloads', 'Deployments', 'web'));
      assert.match(String(web.item.description), /3\/3 ready/);
      assert.equal(web.item.command?.command, 'kubesight.cluster.openYaml');
    });
  });

  it('live.yaml gets live-status code lenses from the active context', async () => {
    await withSetting('kubeconfig', kubeconfig, async () => {
      const uri = workspaceFile('live.yaml');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const titles = await eventually('lenses with status', async () => {
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 20);
        const t = lenses.map((l) => l.command?.title ?? '');
        return t.some((x) => /3\/3 ready/.test(x)) ? t : undefined;
      });
      assert.ok(titles.some((t) => /not in cluster/.test(t)), JSON.stringify(titles));
      assert.ok(titles.some((t) => /1 field differs/.test(t)), JSON.stringify(titles));
    });
  });

  it('a kubeconfig that does not exist leaves the tree empty for the "no kubeconfig" welcome view', async () => {
    await withSetting('kubeconfig', join(tmpdir(), 'kubesight-no-such-kubeconfig'), async () => {
      const { clusterViewState } = await api();
      await eventually('view state noKubeconfig', () => (clusterViewState() === 'noKubeconfig' ? true : undefined));
      assert.deepEqual(await childrenOf(), []);
    });
  });

  it('kubesight.cluster.enable=false leaves the tree empty for the "cluster disabled" welcome view', async () => {
    await withSetting('kubeconfig', kubeconfig, () =>
      withSetting('cluster.enable', false, async () => {
        const { clusterViewState } = await api();
        await eventually('view state disabled', () => (clusterViewState() === 'disabled' ? true : undefined));
        assert.deepEqual(await childrenOf(), []);
      }),
    );
  });
});
