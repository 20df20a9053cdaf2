// First-run guidance: the walkthrough's steps and the Clusters view's welcome views point at
// commands that exist and files that ship; the walkthrough's commands open what they promise; the
// problem report holds versions and settings but no file contents, secret values or paths.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { closeAll, codeOf, extension, hasCode, kubesightDiagnostics, waitForDiagnostics, withSetting, workspaceFile } from './helpers';

interface Step {
  id: string;
  description: string;
  media: { markdown?: string; image?: string };
}
interface Contributes {
  walkthroughs: { id: string; steps: Step[] }[];
  viewsWelcome: { view: string; when: string; contents: string }[];
}
const contributes = () => (extension().packageJSON as { contributes: Contributes }).contributes;
const commandLinks = (text: string) => [...text.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]);

describe('first-run guidance', () => {
  after(closeAll);

  it('every walkthrough step links a registered command and ships its media', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const [walkthrough] = contributes().walkthroughs;
    assert.equal(walkthrough.id, 'kubesight.gettingStarted');
    assert.ok(walkthrough.steps.length >= 4);
    for (const step of walkthrough.steps) {
      const links = commandLinks(step.description);
      assert.ok(links.length > 0, `step ${step.id} has no button`);
      for (const c of links) assert.ok(registered.has(c), `step ${step.id}: ${c} is not a command`);
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media && existsSync(vscode.Uri.joinPath(extension().extensionUri, media).fsPath), `step ${step.id}: media ${media} is not in the extension`);
    }
  });

  it('the Clusters view has a welcome view, with working buttons, for each empty state', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const welcome = contributes().viewsWelcome.filter((w) => w.view === 'kubesight.clusters');
    const states = welcome.map((w) => /kubesight\.clusterView == (\w+)/.exec(w.when)?.[1]).sort();
    assert.deepEqual(states, ['disabled', 'noKubeconfig', 'untrusted']);
    for (const w of welcome) {
      const links = commandLinks(w.contents);
      assert.ok(links.length > 0, `welcome "${w.when}" has no button`);
      for (const c of links) assert.ok(registered.has(c), `welcome "${w.when}": ${c} is not a command`);
    }
  });

  it('"Open the Example" opens an untitled manifest whose mistakes are diagnosed', async () => {
    await vscode.commands.executeCommand('kubesight.gettingStarted.openExample');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && doc.isUntitled && doc.languageId === 'yaml', 'no untitled YAML editor');
    const ds = await waitForDiagnostics(doc.uri, (all) => hasCode('schema/*')(all) && hasCode('selector-mismatch')(all) && hasCode('port-reference')(all));
    assert.ok(ds.some((d) => codeOf(d).startsWith('schema/') && doc.getText(d.range) === 'imagePullPolcy'));
  });

  it('"Insert the Laravel Stack" writes the stack into a new document with no Kubesight error', async () => {
    await vscode.commands.executeCommand('kubesight.gettingStarted.insertStack');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc?.isUntitled);
    const kinds = [...doc.getText().matchAll(/^kind: (\w+)/gm)].map((m) => m[1]);
    for (const kind of ['Deployment', 'StatefulSet', 'Job', 'CronJob', 'Ingress']) assert.ok(kinds.includes(kind), `no ${kind} in ${kinds.join(', ')}`);
    // Checked once a broken file opened after it has its diagnostics (the server answers in order).
    await vscode.commands.executeCommand('kubesight.gettingStarted.openExample');
    const example = vscode.window.activeTextEditor!.document;
    await waitForDiagnostics(example.uri, hasCode('schema/*'));
    const errors = kubesightDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => `${codeOf(d)}: ${d.message}`), []);
  });

  it('"Report a Problem" opens a report with versions and settings, without secrets, file contents or paths', async () => {
    const secrets = await vscode.workspace.openTextDocument(workspaceFile('secrets.yaml'));
    await waitForDiagnostics(secrets.uri, hasCode('secret-data'));
    const kubeconfig = '/home/someone/.kube/very-private-config';
    const report = await withSetting('kubeconfig', kubeconfig, async () => {
      await vscode.commands.executeCommand('kubesight.reportProblem');
      return vscode.window.activeTextEditor!.document;
    });
    assert.equal(report.languageId, 'markdown');
    const text = report.getText();
    assert.match(text, new RegExp(`Kubesight ${(extension().packageJSON as { version: string }).version.replace(/\./g, '\\.')}`));
    assert.match(text, new RegExp(`VS Code ${vscode.version.replace(/\./g, '\\.')}`));
    assert.match(text, /"kubeconfig": "\(set\)"/);
    assert.match(text, /## Log/);
    for (const leak of ['hunter2!', 'very-private-config', 'registry.example.com/shop/api', 'DB_PASSWORD']) assert.ok(!text.includes(leak), `the report contains "${leak}"`);
  });
});
