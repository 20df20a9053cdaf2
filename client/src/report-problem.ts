// "Kubesight: Report a Problem": gathers versions, settings, the Clusters view's state and the
// extension's log (client/src/support/problem-report.ts builds and scrubs the text) and opens it as
// an untitled Markdown document for the user to read, edit and paste into an issue.
import * as os from 'node:os';
import { commands, env, FileType, Uri, version, window, workspace, type Disposable, type ExtensionContext } from 'vscode';
import { problemReport } from './support/problem-report';

export interface ReportSources {
  clusterViewState: () => string;
  contextCount: () => number;
}

export function registerReportProblem(context: ExtensionContext, sources: ReportSources): Disposable {
  return commands.registerCommand('kubesight.reportProblem', async () => {
    const text = problemReport({
      extensionVersion: String((context.extension.packageJSON as { version?: string }).version),
      vscodeVersion: version,
      appHost: env.appHost,
      uiKind: env.uiKind === 2 ? 'web' : 'desktop',
      remoteName: env.remoteName,
      platform: os.platform(),
      arch: os.arch(),
      osRelease: os.release(),
      nodeVersion: process.versions.node,
      trusted: workspace.isTrusted,
      clusterViewState: sources.clusterViewState(),
      contextCount: sources.contextCount(),
      settings: kubesightSettings(context),
      log: await extensionLog(context.logUri),
    });
    await window.showTextDocument(await workspace.openTextDocument({ language: 'markdown', content: text }));
  });
}

/** Every contributed `kubesight.*` setting's effective value, by its key without the prefix. */
function kubesightSettings(context: ExtensionContext): Record<string, unknown> {
  const contributed = (context.extension.packageJSON as { contributes?: { configuration?: { properties?: Record<string, unknown> } } }).contributes?.configuration?.properties ?? {};
  const config = workspace.getConfiguration('kubesight');
  return Object.fromEntries(Object.keys(contributed).map((key) => key.replace(/^kubesight\./, '')).map((key) => [key, config.get(key)]));
}

/** The extension's log files (the Kubesight output channel writes one into the extension's log folder). */
async function extensionLog(folder: Uri): Promise<string> {
  try {
    const entries = await workspace.fs.readDirectory(folder);
    const logs = entries.filter(([name, type]) => type === FileType.File && name.endsWith('.log')).map(([name]) => name).sort();
    const texts = await Promise.all(logs.map(async (name) => new TextDecoder().decode(await workspace.fs.readFile(Uri.joinPath(folder, name)))));
    return texts.join('\n');
  } catch {
    return '(no log found)';
  }
}
