// The language features through the `vscode` API, in a real extension host: diagnostics with their
// codes, severities and ranges; completion, hover, definition, symbols; a quick fix applied with
// `workspace.applyEdit`; files that are not Kubernetes manifests.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, codeOf, completionLabels, extension, hasCode, hoverText, kubesightDiagnostics, labelOf, openUntitled, positionAfter, waitForDiagnostics, workspaceFile } from './helpers';

describe('language features', () => {
  after(closeAll);

  it('activates', async () => {
    const ext = extension();
    await ext.activate();
    assert.equal(ext.isActive, true);
    assert.equal((ext.packageJSON as { name: string }).name, 'kubesight');
  });

  it('deployment.yaml: selector-mismatch on the label value, schema on the typo, rule ids as codes', async () => {
    const uri = workspaceFile('deployment.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'yaml');
    await vscode.window.showTextDocument(doc);
    const ds = await waitForDiagnostics(uri, (all) => hasCode('schema/*')(all) && hasCode('selector-mismatch')(all));
    const mismatch = ds.find((d) => codeOf(d) === 'selector-mismatch');
    assert.ok(mismatch);
    assert.equal(mismatch.severity, vscode.DiagnosticSeverity.Error);
    // `app: shop` under spec.template.metadata.labels (0-based line 14).
    assert.equal(mismatch.range.start.line, 14);
    assert.equal(doc.getText(mismatch.range), 'shop');
    assert.match(mismatch.message, /`selector` does not match template `labels`/);
    const schema = ds.filter((d) => codeOf(d).startsWith('schema/'));
    assert.ok(schema.some((d) => doc.getText(d.range) === 'imagePullPolcy'), `no schema diagnostic on the typo: ${JSON.stringify(schema.map((d) => d.message))}`);
    assert.ok(schema.some((d) => doc.getText(d.range) === '70000' && /65535/.test(d.message)), 'no schema diagnostic on port 70000');
  });

  it('deployment.yaml: cross-file missing-key against secrets.yaml, at the key value', async () => {
    const uri = workspaceFile('deployment.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const ds = await waitForDiagnostics(uri, hasCode('missing-key'));
    const d = ds.find((x) => codeOf(x) === 'missing-key')!;
    assert.equal(doc.getText(d.range), 'password');
    assert.match(d.message, /shop-db/);
  });

  it('api-versions.yaml: the removed autoscaling/v2beta2 is an error at the apiVersion value', async () => {
    const uri = workspaceFile('api-versions.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    const ds = await waitForDiagnostics(uri, (all) => all.filter((d) => codeOf(d) === 'api-version').length >= 2);
    const removed = ds.find((d) => codeOf(d) === 'api-version' && doc.getText(d.range) === 'autoscaling/v2beta2');
    assert.ok(removed, JSON.stringify(ds.map((d) => [doc.getText(d.range), d.message])));
    assert.equal(removed.severity, vscode.DiagnosticSeverity.Error);
    assert.match(removed.message, /autoscaling\/v2/);
  });

  it('secrets.yaml: a tab in indentation is a yaml-syntax error, and the broken file still gets secret-data', async () => {
    const uri = workspaceFile('secrets.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await waitForDiagnostics(uri, (all) => hasCode('yaml-syntax')(all) && hasCode('secret-data')(all));
    assert.ok(ds.every((d) => d.range.start.line >= 0));
  });

  it('completion inside a Deployment spec offers replicas and not the keys already there', async () => {
    const doc = await openUntitled(['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  ', '  selector:', '    matchLabels:', '      app: web', ''].join('\n'));
    const labels = (await completionLabels(doc.uri, new vscode.Position(5, 2))).map(labelOf);
    for (const key of ['replicas', 'strategy', 'minReadySeconds']) assert.ok(labels.includes(key), `no "${key}" in ${JSON.stringify(labels)}`);
    assert.ok(!labels.includes('selector'), `"selector" is already present but offered: ${JSON.stringify(labels)}`);
  });

  it('completion of a configMapRef name offers the ConfigMap defined in config.yaml', async () => {
    await vscode.workspace.openTextDocument(workspaceFile('config.yaml'));
    const doc = await vscode.workspace.openTextDocument(workspaceFile('complete.yaml'));
    const at = positionAfter(doc, 'configMapRef:\n                name: ');
    const items = await completionLabels(doc.uri, at);
    const item = items.find((i) => labelOf(i) === 'shop-config');
    assert.ok(item, `no shop-config in ${JSON.stringify(items.map(labelOf))}`);
    assert.match(String(item.detail ?? ''), /config\.yaml/);
  });

  it('hover on spec.replicas explains the field with its type', async () => {
    const uri = workspaceFile('deployment.yaml');
    await vscode.workspace.openTextDocument(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(7, 4));
    const text = hovers.map(hoverText).join('\n---\n');
    assert.match(text, /\*\*spec\.replicas\*\*: `integer \(int32\)`/);
    assert.match(text, /Number of desired pods/);
  });

  it('the quick fix for imagePullPolcy, applied with workspace.applyEdit, fixes the text and the diagnostic', async () => {
    const source = await vscode.workspace.openTextDocument(workspaceFile('deployment.yaml'));
    const doc = await openUntitled(source.getText());
    const ds = await waitForDiagnostics(doc.uri, (all) => all.some((d) => doc.getText(d.range) === 'imagePullPolcy'));
    const typo = ds.find((d) => doc.getText(d.range) === 'imagePullPolcy')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, typo.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Change to "imagePullPolicy"');
    assert.ok(fix?.edit, `no edit titled 'Change to "imagePullPolicy"': ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.match(doc.getText(), /imagePullPolicy: Always/);
    await waitForDiagnostics(doc.uri, (all) => all.length > 0 && !all.some((d) => /imagePullPolcy/.test(d.message)));
  });

  it('go to definition on a secretKeyRef name opens the Secret in secrets.yaml', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('deployment.yaml'));
    const at = positionAfter(doc, 'secretKeyRef:\n                  name: shop');
    const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at);
    const uris = found.map((l) => ('targetUri' in l ? l.targetUri : l.uri).path);
    assert.ok(uris.some((p) => p.endsWith('/secrets.yaml')), JSON.stringify(uris));
  });

  it('document symbols list each object by kind and name', async () => {
    const uri = workspaceFile('deployment.yaml');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    const names = symbols.map((s) => s.name).join(' | ');
    for (const name of ['shop-api', 'shop-web']) assert.match(names, new RegExp(name));
    assert.ok(symbols.length >= 3, names);
  });

  it('a YAML file that is not a Kubernetes manifest gets no Kubesight errors', async () => {
    const plain = await openUntitled(['name: my-app', 'version: 1.2.3', 'dependencies:', '  - left-pad', ''].join('\n'));
    // The server answers files in order: once a later broken file has its diagnostics, the plain one had its turn.
    const broken = await openUntitled(['apiVersion: v1', 'kind: Service', 'metadata:', '  name: x', 'spec:', '  ports:', '    - port: 70000', ''].join('\n'));
    await waitForDiagnostics(broken.uri, hasCode('schema/*'));
    const errors = kubesightDiagnostics(plain.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => d.message), []);
  });

  it('a Helm template is skipped with a diagnostic that says so, not errors', async () => {
    const doc = await openUntitled(['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: {{ .Release.Name }}', 'spec:', '  replicas: {{ .Values.replicas }}', ''].join('\n'));
    const ds = await waitForDiagnostics(doc.uri, (all) => all.length > 0);
    assert.ok(ds.every((d) => d.severity !== vscode.DiagnosticSeverity.Error), JSON.stringify(ds.map((d) => d.message)));
    assert.ok(ds.some((d) => /template/i.test(d.message)), JSON.stringify(ds.map((d) => d.message)));
  });
});
