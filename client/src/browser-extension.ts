// The extension's entry in VS Code for the Web (vscode.dev, github.dev; package.json "browser"):
// the language server runs as a Web Worker (dist/browser/server.js, server/src/browser/main.ts).
// What works there: diagnostics, completion, hover, symbols, quick fixes and navigation in the open
// documents, snippets and the walkthrough. What does not: the folder scan (only open documents are
// checked), .kubesight.yaml, git baselines, the cluster explorer and everything that needs a
// cluster; their commands say so instead of failing.
import { commands, Uri, window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, type LanguageClientOptions } from 'vscode-languageclient/browser';
import { registerGettingStarted } from './getting-started';

// The web extension host is a worker: it has Worker, which the root tsconfig (no DOM lib) does not declare.
declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[2];

let client: LanguageClient | undefined;

/** Contributed commands that need Node.js or a cluster: registered so they answer, not fail. */
function desktopOnly(context: ExtensionContext, registered: Set<string>): void {
  const contributed = ((context.extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []).map((c) => c.command);
  for (const command of contributed.filter((c) => !registered.has(c))) {
    context.subscriptions.push(commands.registerCommand(command, () => void window.showInformationMessage('Kubesight: this needs VS Code desktop (cluster access, files and git are not available in the browser).')));
  }
}

/**
 * The server's worker. An extension installed on a remote (code-server, Codespaces in the browser)
 * has `vscode-remote:` URIs, from which VS Code's web extension host cannot start a worker: there it
 * starts from the bundle's text instead.
 */
async function serverWorker(context: ExtensionContext): Promise<ConstructorParameters<typeof LanguageClient>[2]> {
  const bundle = Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  if (bundle.scheme !== 'vscode-remote') return new Worker(bundle.toString(true));
  const code = await workspace.fs.readFile(bundle);
  return new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
}

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel('Kubesight', { log: true });
  const options: LanguageClientOptions = {
    documentSelector: [{ language: 'yaml' }],
    synchronize: { configurationSection: 'kubesight' },
    outputChannel: output,
  };
  client = new LanguageClient('kubesight', 'Kubesight', await serverWorker(context), options);
  context.subscriptions.push(output, ...registerGettingStarted(context), commands.registerCommand('kubesight.restartServer', async () => {
    await client?.stop();
    await client?.start();
  }));
  desktopOnly(context, new Set(['kubesight.restartServer', 'kubesight.gettingStarted.openExample', 'kubesight.gettingStarted.insertStack']));
  // Hides the Clusters view (package.json `when`). Not `isWeb`: that is true in code-server and
  // Codespaces too, whose extension host runs the Node.js build with the explorer.
  void commands.executeCommand('setContext', 'kubesight.webExtensionHost', true);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
