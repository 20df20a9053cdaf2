// Workspace trust: in an untrusted workspace manifests are still checked, but Kubesight makes no
// cluster call, even with a kubeconfig named in the workspace settings (a restricted setting).
// Runs only in a window whose workspace is not trusted (the runner sets KUBESIGHT_TEST_SUITES=untrusted
// for a code-server started with workspace trust on; test/e2e/extra-code-server.mjs).
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { KubeApiTestServer } from '../cluster/api-server/server';
import { seedCluster } from '../cluster/api-server/seed';
import { api, closeAll, eventually, hasCode, waitForDiagnostics, workspaceFile } from './helpers';

describe('untrusted workspace', () => {
  let server: KubeApiTestServer;
  let kubeconfig: string;

  before(async () => {
    server = await KubeApiTestServer.start();
    seedCluster(server);
    kubeconfig = join(mkdtempSync(join(tmpdir(), 'kubesight-untrusted-')), 'kubeconfig');
    writeFileSync(kubeconfig, server.kubeconfig([{ name: 'untrusted-test', namespace: 'demo' }]));
    // As a repository of unknown origin could ship it: the workspace settings name that kubeconfig.
    const settings = workspaceFile('.vscode/settings.json').fsPath;
    mkdirSync(join(settings, '..'), { recursive: true });
    writeFileSync(settings, JSON.stringify({ 'kubesight.kubeconfig': kubeconfig }));
    await new Promise((r) => setTimeout(r, 1000)); // the settings file is watched
  });
  after(async () => {
    rmSync(workspaceFile('.vscode').fsPath, { recursive: true, force: true });
    await closeAll();
    await server?.close();
  });

  it('the window really is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('manifests are still checked: deployment.yaml gets its schema and selector-mismatch errors', async () => {
    const uri = workspaceFile('deployment.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await waitForDiagnostics(uri, (all) => hasCode('schema/*')(all) && hasCode('selector-mismatch')(all));
    assert.ok(ds.length >= 5);
  });

  it('the Clusters view is in its "untrusted" state with an empty tree, even with a kubeconfig in the workspace settings', async () => {
    const { clusterViewState, clusterTree } = await api();
    await vscode.commands.executeCommand('kubesight.cluster.refresh');
    assert.equal(clusterViewState(), 'untrusted');
    assert.deepEqual(await clusterTree.getChildren(), []);
  });

  it('no request reaches the cluster: live status lenses, refresh and the tree make no call', async () => {
    const uri = workspaceFile('live.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('kubesight.cluster.refresh');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 20);
    assert.ok(!lenses.some((l) => /ready|not in cluster/.test(l.command?.title ?? '')), JSON.stringify(lenses.map((l) => l.command?.title)));
    await (await api()).clusterTree.getChildren();
    await new Promise((r) => setTimeout(r, 2000)); // the index and baseline timers run 300 ms after a change
    assert.deepEqual(server.requests.map((r) => `${r.method} ${r.path}`), []);
  });

  it('the problem report says the workspace is not trusted', async () => {
    await vscode.commands.executeCommand('kubesight.reportProblem');
    const text = await eventually('a markdown report', () => {
      const doc = vscode.window.activeTextEditor?.document;
      return doc?.languageId === 'markdown' ? doc.getText() : undefined;
    });
    assert.match(text, /^- workspace trusted: no$/m);
    assert.match(text, /^- Clusters view: untrusted, 0 context\(s\)/m);
  });
});
