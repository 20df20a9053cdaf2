// Contributions and commands: every contributed command is registered, the snippets are offered by
// completion and expand to a manifest without errors, and restarting the server brings the
// diagnostics back.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAll, completionLabels, extension, hasCode, kubesightDiagnostics, labelOf, openUntitled, waitForDiagnostics, workspaceFile } from './helpers';

interface Contributes {
  commands: { command: string }[];
  snippets: { language: string; path: string }[];
}
const contributes = () => (extension().packageJSON as { contributes: Contributes }).contributes;

describe('commands and snippets', () => {
  after(closeAll);

  it('registers every kubesight.* command it contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = contributes().commands.map((c) => c.command);
    assert.ok(contributed.length > 0);
    assert.ok(contributed.every((c) => c.startsWith('kubesight.')));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    for (const c of ['kubesight.restartServer', 'kubesight.cluster.refresh', 'kubesight.cluster.applyFile', 'kubesight.kustomize.apply', 'kubesight.live.refresh']) assert.ok(registered.has(c), `${c} is not registered`);
  });

  it('completion on an empty YAML document offers the contributed snippets', async () => {
    const [entry] = contributes().snippets;
    assert.equal(entry.language, 'yaml');
    const file = vscode.Uri.joinPath(extension().extensionUri, entry.path);
    const snippets = JSON.parse(readFileSync(file.fsPath, 'utf8')) as Record<string, { prefix: string }>;
    const doc = await openUntitled('');
    const items = await completionLabels(doc.uri, new vscode.Position(0, 0));
    const offered = new Set(items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf));
    for (const prefix of ['k8s-deployment', 'k8s-stack-laravel', 'k8s-stack-directus-postgres']) {
      assert.ok(Object.values(snippets).some((s) => s.prefix === prefix), `${prefix} is not in ${entry.path}`);
      assert.ok(offered.has(prefix), `${prefix} not offered; snippets offered: ${[...offered].slice(0, 20).join(', ')}`);
    }
  });

  it('the k8s-deployment snippet expands to a Deployment with no Kubesight error', async () => {
    const doc = await openUntitled('');
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document, doc);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name: 'Kubernetes Deployment' });
    assert.match(doc.getText(), /kind: Deployment/);
    // A broken file opened after it: once that one is answered, the snippet's document was checked too.
    const broken = await openUntitled('apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n    - port: 70000\n');
    await waitForDiagnostics(broken.uri, hasCode('schema/*'));
    const errors = kubesightDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => d.message), []);
  });

  it('kubesight.restartServer restarts the language server and the diagnostics come back', async () => {
    const uri = workspaceFile('jobs.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitForDiagnostics(uri, hasCode('restart-policy'));
    // The client clears the diagnostics when the server stops; the new server publishes them again.
    const cleared = waitForDiagnostics(uri, (ds) => ds.length === 0);
    await vscode.commands.executeCommand('kubesight.restartServer');
    await cleared;
    const ds = await waitForDiagnostics(uri, hasCode('name-format'));
    assert.ok(hasCode('restart-policy')(ds));
  });
});
