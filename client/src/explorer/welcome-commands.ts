// The buttons of the Clusters view's welcome views (package.json `viewsWelcome`): choosing a
// kubeconfig file and turning the cluster features back on.
import { commands, ConfigurationTarget, window, workspace, type Disposable } from 'vscode';

export function registerWelcomeCommands(): Disposable[] {
  return [
    commands.registerCommand('kubesight.cluster.chooseKubeconfig', chooseKubeconfig),
    commands.registerCommand('kubesight.cluster.enableClusterFeatures', enableClusterFeatures),
  ];
}

/** Sets `kubesight.kubeconfig` for the user (it is ignored in untrusted workspaces). */
async function chooseKubeconfig(): Promise<void> {
  const picked = await window.showOpenDialog({ canSelectMany: false, openLabel: 'Use this kubeconfig', title: 'Kubesight: choose a kubeconfig file' });
  if (!picked?.[0]) return;
  await workspace.getConfiguration('kubesight').update('kubeconfig', picked[0].fsPath, ConfigurationTarget.Global);
  await commands.executeCommand('kubesight.clusters.focus');
}

/** Clears `false` wherever it is set (workspace folder, workspace, user) so the default `true` applies. */
async function enableClusterFeatures(): Promise<void> {
  const config = workspace.getConfiguration('kubesight');
  const where = config.inspect<boolean>('cluster.enable');
  if (where?.workspaceFolderValue === false) {
    for (const folder of workspace.workspaceFolders ?? []) await workspace.getConfiguration('kubesight', folder.uri).update('cluster.enable', undefined, ConfigurationTarget.WorkspaceFolder);
  }
  if (where?.workspaceValue === false) await config.update('cluster.enable', undefined, ConfigurationTarget.Workspace);
  if (where?.globalValue === false) await config.update('cluster.enable', undefined, ConfigurationTarget.Global);
}

