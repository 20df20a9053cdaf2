// VS Code entry: starts the language server, wires settings, file events and commands, and the
// cluster explorer (./explorer). Nothing else.
import * as path from 'node:path';
import { commands, window, workspace, type ExtensionContext, type TreeDataProvider } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { activateExplorer } from './explorer/activate';
import { registerGettingStarted } from './getting-started';
import { registerReportProblem } from './report-problem';
import { showTargetVersion } from './target-status';
import { registerBuildPreview, registerKustomizeApply } from './build-preview';
import { OVERLAY_OBJECTS_REQUEST, type OverlayObject } from '../../server/src/shared/kustomize-protocol';

let client: LanguageClient | undefined;

/**
 * What `activate` returns: read-only handles for the extension-host tests (test/vscode), which
 * cannot reach a tree view's items or a context key through the VS Code API.
 */
export interface KubesightApi {
  readonly clusterTree: TreeDataProvider<unknown>;
  readonly clusterViewState: () => string;
}

export async function activate(context: ExtensionContext): Promise<KubesightApi> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const output = window.createOutputChannel('Kubesight', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: {
      configurationSection: 'kubesight',
      // `Kustomization` (no extension) is a kustomization kustomize reads too: it decides which files are patches.
      fileEvents: [workspace.createFileSystemWatcher('**/*.{yaml,yml}'), workspace.createFileSystemWatcher('**/Kustomization'), workspace.createFileSystemWatcher('**/.kubesight.yaml')],
    },
    outputChannel: output,
  };
  client = new LanguageClient('kubesight', 'Kubesight', serverOptions, clientOptions);
  context.subscriptions.push(
    output,
    commands.registerCommand('kubesight.restartServer', async () => {
      await client?.restart();
      output.appendLine('Kubesight language server restarted.');
    }),
  );
  await client.start();
  const started = client;
  context.subscriptions.push(...showTargetVersion(started), ...registerBuildPreview(started));
  const overlayObjects = (uri: string, namespace: string) => started.sendRequest<OverlayObject[]>(OVERLAY_OBJECTS_REQUEST, { uri, namespace });
  const explorer = activateExplorer(context, (method, params) => void started.sendNotification(method, params), overlayObjects);
  const clusterViewState = () => explorer.state.viewState;
  context.subscriptions.push(
    registerKustomizeApply(started, explorer.apply),
    ...registerGettingStarted(context),
    registerReportProblem(context, { clusterViewState, contextCount: () => (explorer.state.viewState === 'ready' ? explorer.state.kubeconfig().contexts.length : 0) }),
  );
  return { clusterTree: explorer.tree as TreeDataProvider<unknown>, clusterViewState };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
