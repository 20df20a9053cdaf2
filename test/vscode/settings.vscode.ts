// Settings take effect without a reload: a rule turned off or given another severity, validation
// switched off and on, and the target Kubernetes version.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, codeOf, hasCode, openUntitled, waitForDiagnostics, withSetting, workspaceFile } from './helpers';

describe('settings', () => {
  after(closeAll);

  it('kubesight.rules: "off" removes a rule\'s diagnostics and removing the setting brings them back', async () => {
    const uri = workspaceFile('deployment.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await waitForDiagnostics(uri, hasCode('selector-mismatch'));
    await withSetting('rules', { 'selector-mismatch': 'off' }, async () => {
      await waitForDiagnostics(uri, (ds) => ds.length > 0 && !hasCode('selector-mismatch')(ds));
    });
    await waitForDiagnostics(uri, hasCode('selector-mismatch'));
  });

  it('kubesight.rules: "warning" changes the severity of that rule only', async () => {
    const uri = workspaceFile('deployment.yaml');
    await withSetting('rules', { 'selector-mismatch': 'warning' }, async () => {
      const ds = await waitForDiagnostics(uri, (all) => all.some((d) => codeOf(d) === 'selector-mismatch' && d.severity === vscode.DiagnosticSeverity.Warning));
      assert.ok(ds.some((d) => codeOf(d).startsWith('schema/') && d.severity === vscode.DiagnosticSeverity.Error), 'schema errors must stay errors');
    });
    await waitForDiagnostics(uri, (all) => all.some((d) => codeOf(d) === 'selector-mismatch' && d.severity === vscode.DiagnosticSeverity.Error));
  });

  it('kubesight.validate.enable: false clears the diagnostics, true brings them back', async () => {
    const uri = workspaceFile('deployment.yaml');
    await waitForDiagnostics(uri, hasCode('schema/*'));
    await withSetting('validate.enable', false, async () => {
      await waitForDiagnostics(uri, (ds) => ds.length === 0);
    });
    await waitForDiagnostics(uri, hasCode('schema/*'));
  });

  it('kubesight.kubernetesVersion: a field added in 1.33 is an unknown field when the target is 1.30', async () => {
    const doc = await openUntitled(
      [
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: stopper',
        'spec:',
        '  containers:',
        '    - name: app',
        '      image: nginx:1.27.3',
        '      lifecycle:',
        '        stopSignal: SIGTERM',
        '',
      ].join('\n'),
    );
    const isStopSignalError = (d: vscode.Diagnostic) => codeOf(d).startsWith('schema/') && doc.getText(d.range) === 'stopSignal';
    await withSetting('kubernetesVersion', '1.30', async () => {
      const ds = await waitForDiagnostics(doc.uri, (all) => all.some(isStopSignalError));
      assert.match(ds.find(isStopSignalError)!.message, /added in Kubernetes 1\.33; the target is 1\.30/);
    });
    await waitForDiagnostics(doc.uri, (all) => !all.some(isStopSignalError));
  });
});
