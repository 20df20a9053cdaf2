// The @vscode/test-electron suite: runs inside a real VS Code's extension host (mocha, bdd) and
// checks the extension through the `vscode` API only: activation, diagnostics of a broken manifest,
// completion, hover and the registered commands. `npm run test:vscode` bundles and runs it; the
// workspace is examples/ and the extension under test is this repository (dist/ must be built).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'kubesight.kubesight';

function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

/** A diagnostic's code as a plain string (the client turns a code with a link into {value, target}). */
function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

/** Resolves with the URI's Kubesight diagnostics once `done` accepts them; rejects after `ms`. */
function waitForDiagnostics(uri: vscode.Uri, done: (ds: vscode.Diagnostic[]) => boolean, ms = 30_000): Promise<vscode.Diagnostic[]> {
  const current = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kubesight');
  return new Promise((resolve, reject) => {
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      sub.dispose();
      fn();
    };
    const check = () => {
      const ds = current();
      if (done(ds)) finish(() => resolve(ds));
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no matching diagnostics on ${uri.fsPath} after ${ms} ms; have: ${JSON.stringify(current().map(codeOf))}`))),
      ms,
    );
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

describe('Kubesight in VS Code (@vscode/test-electron)', () => {
  let deployment: vscode.Uri;

  before(async () => {
    const ext = extension();
    await ext.activate();
    deployment = vscode.Uri.joinPath(ext.extensionUri, 'examples', 'broken', 'deployment.yaml');
  });

  it('activates', () => {
    const ext = extension();
    assert.equal(ext.isActive, true);
    assert.equal((ext.packageJSON as { name: string }).name, 'kubesight');
  });

  it('opening examples/broken/deployment.yaml yields kubesight diagnostics with rule ids as codes', async () => {
    const doc = await vscode.workspace.openTextDocument(deployment);
    assert.equal(doc.languageId, 'yaml');
    await vscode.window.showTextDocument(doc);
    const ds = await waitForDiagnostics(deployment, (all) => {
      const codes = new Set(all.map(codeOf));
      return codes.has('schema') && codes.has('selector-mismatch');
    });
    const mismatch = ds.find((d) => codeOf(d) === 'selector-mismatch');
    assert.ok(mismatch);
    assert.equal(mismatch.severity, vscode.DiagnosticSeverity.Error);
    // `app: shop` under spec.template.metadata.labels (0-based line 14).
    assert.equal(mismatch.range.start.line, 14);
    assert.equal(doc.getText(mismatch.range), 'shop');
    assert.match(mismatch.message, /`selector` does not match template `labels`/);
    const schema = ds.filter((d) => codeOf(d) === 'schema');
    assert.ok(
      schema.some((d) => doc.getText(d.range) === 'imagePullPolcy'),
      `no schema diagnostic on the imagePullPolcy typo: ${JSON.stringify(schema.map((d) => d.message))}`,
    );
  });

  it('completion inside a Deployment spec: offers replicas and not the keys already there', async () => {
    const text = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  ', '  selector:', '    matchLabels:', '      app: web', ''].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: text });
    await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(5, 2));
    const labels = list.items.map(labelOf);
    for (const key of ['replicas', 'strategy', 'minReadySeconds']) {
      assert.ok(labels.includes(key), `no "${key}" in ${JSON.stringify(labels)}`);
    }
    assert.ok(!labels.includes('selector'), `"selector" is already present but offered: ${JSON.stringify(labels)}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('hover on spec.replicas explains the field with its type', async () => {
    await vscode.workspace.openTextDocument(deployment);
    // Line 7 (0-based) is `  replicas: "2"`; character 4 is inside the key.
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', deployment, new vscode.Position(7, 4));
    const text = hovers.map(hoverText).join('\n---\n');
    assert.match(text, /\*\*spec\.replicas\*\*: `integer \(int32\)`/);
    assert.match(text, /Number of desired pods/);
  });

  it('registers every kubesight.* command it contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = ((extension().packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands ?? []).map((c) => c.command);
    assert.ok(contributed.length > 0);
    assert.ok(contributed.every((c) => c.startsWith('kubesight.')));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
    for (const c of ['kubesight.restartServer', 'kubesight.cluster.refresh', 'kubesight.cluster.applyFile', 'kubesight.live.refresh']) {
      assert.ok(registered.has(c), `${c} is not registered`);
    }
  });
});
