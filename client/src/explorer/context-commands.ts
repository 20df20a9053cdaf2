// Choosing the context and namespace (stored in workspace state, never in the kubeconfig), the
// status bar item that shows them, exec-plugin consent, and the cluster index the language
// server receives for the active namespace.
import { commands, StatusBarAlignment, window, workspace, type StatusBarItem } from 'vscode';
import { CLUSTER_INDEX_NOTIFICATION, LIVE_BASELINE_NOTIFICATION } from '../../../server/src/shared/cluster-protocol';
import { buildClusterIndex } from '../cluster/cluster-index';
import { CLUSTER_SCHEMAS_NOTIFICATION } from '../../../server/src/shared/cluster-schemas-protocol';
import { fetchClusterSchemas, type SchemaDocumentCache } from '../cluster/cluster-schemas';
import { fetchLiveBaseline } from '../cluster/live-baseline';
import { NAMESPACE, resourcePath } from '../cluster/kinds';
import type { ClusterState } from './cluster-state';
import type { ClusterTree } from './tree';
import { manifestsOf } from '../cluster/manifests';
import { reportError } from './ui';

/** Sends a notification to the language server. */
export type Notify = (method: string, params: unknown) => void;

export class ContextCommands {
  private readonly status: StatusBarItem = window.createStatusBarItem('kubesight.cluster.status', StatusBarAlignment.Left, 10);
  private indexTimer: NodeJS.Timeout | undefined;
  private baselineTimer: NodeJS.Timeout | undefined;
  /** The cluster's OpenAPI documents by path, refetched when their hash changes. */
  private readonly schemaDocuments: SchemaDocumentCache = new Map();

  constructor(private readonly state: ClusterState, private readonly tree: ClusterTree, private readonly notify: Notify) {
    this.status.name = 'Kubesight cluster';
    this.status.command = 'kubesight.cluster.selectContext';
  }

  register(): { dispose(): void }[] {
    return [
      this.status,
      commands.registerCommand('kubesight.cluster.refresh', () => {
        this.state.reload();
      }),
      commands.registerCommand('kubesight.cluster.selectContext', (node?: { context?: string }) => this.selectContext(node?.context)),
      commands.registerCommand('kubesight.cluster.selectNamespace', () => this.selectNamespace(this.state.activeContext)),
      commands.registerCommand('kubesight.cluster.allowExecPlugin', (context?: string) => this.allowExec(context)),
      commands.registerCommand('kubesight.cluster.loadMore', (node) => this.tree.loadMore(node)),
      this.state.onDidChange(() => this.update()),
      workspace.onDidOpenTextDocument((d) => d.languageId === 'yaml' && this.scheduleBaseline()),
      workspace.onDidSaveTextDocument((d) => d.languageId === 'yaml' && this.scheduleBaseline()),
    ];
  }

  /** Status bar and tree follow the state; the server gets a fresh index shortly after. */
  update(): void {
    const context = this.state.activeContext;
    if (!this.state.enabled || !this.state.trusted || !context) {
      this.status.hide();
      this.notify(CLUSTER_INDEX_NOTIFICATION, null);
      this.notify(LIVE_BASELINE_NOTIFICATION, null);
      this.notify(CLUSTER_SCHEMAS_NOTIFICATION, null); // untrusted or disconnected: the bundled catalog only
    } else {
      const ns = this.state.activeNamespace;
      this.status.text = `$(cloud) ${context}: ${ns || 'all namespaces'}`;
      this.status.tooltip = `Kubesight: context "${context}", namespace "${ns || 'all'}". Click to switch (kubeconfig is not changed).`;
      this.status.show();
      clearTimeout(this.indexTimer);
      this.indexTimer = setTimeout(() => void this.pushIndex(context, ns), 300);
      this.scheduleBaseline();
    }
    void commands.executeCommand('setContext', 'kubesight.clusterView', this.state.viewState);
    this.tree.refresh();
  }

  private async pushIndex(context: string, namespace: string): Promise<void> {
    const schemas = fetchClusterSchemas(this.state.connect(context), this.schemaDocuments).then(
      (params) => this.notify(CLUSTER_SCHEMAS_NOTIFICATION, params),
      () => this.notify(CLUSTER_SCHEMAS_NOTIFICATION, null), // unreachable: the server keeps the bundled catalog
    );
    try {
      this.notify(CLUSTER_INDEX_NOTIFICATION, await buildClusterIndex(this.state.connect(context), namespace));
    } catch {
      this.notify(CLUSTER_INDEX_NOTIFICATION, null); // an unreachable cluster simply gives the server no index
    }
    await schemas;
  }

  /** The live objects of the open YAML files, for the immutable-field check (after opens and saves). */
  private scheduleBaseline(): void {
    clearTimeout(this.baselineTimer);
    this.baselineTimer = setTimeout(() => void this.pushBaseline(), 500);
  }

  private async pushBaseline(): Promise<void> {
    const context = this.state.activeContext;
    if (!this.state.enabled || !this.state.trusted || !context) return;
    const manifests = workspace.textDocuments.filter((d) => d.languageId === 'yaml' && d.uri.scheme === 'file').flatMap((d) => manifestsOf(d.getText()));
    try {
      this.notify(LIVE_BASELINE_NOTIFICATION, await fetchLiveBaseline(this.state.connect(context), manifests, this.state.activeNamespace));
    } catch {
      this.notify(LIVE_BASELINE_NOTIFICATION, null);
    }
  }

  private async selectContext(preselected?: string): Promise<void> {
    const kc = this.state.kubeconfig();
    const context =
      preselected ??
      (await window.showQuickPick(kc.contexts.map((c) => ({ label: c.name, description: c.server, detail: c.name === this.state.activeContext ? 'active' : undefined })), { title: 'Kubesight: switch context (kubeconfig stays unchanged)' }))?.label;
    if (!context) return;
    await this.state.setActive(context);
    await this.selectNamespace(context);
  }

  private async selectNamespace(context: string | undefined): Promise<void> {
    if (!context) return;
    let names: string[] = [];
    try {
      const list = await this.state.connect(context).request<{ items: { metadata: { name: string } }[] }>({ path: resourcePath(NAMESPACE) });
      names = list.items.map((n) => n.metadata.name);
    } catch (e) {
      await reportError(e, 'Listing namespaces');
    }
    const items = [{ label: 'All namespaces', ns: '' }, ...names.map((n) => ({ label: n, ns: n }))];
    const pick = await window.showQuickPick(items, { title: `Namespace in ${context}` });
    if (pick) await this.state.setActive(context, pick.ns);
  }

  private async allowExec(contextName?: string): Promise<void> {
    const info = this.state.kubeconfig().contexts.find((c) => c.name === (contextName ?? this.state.activeContext));
    if (!info?.exec) return;
    if (!this.state.trusted) return void window.showWarningMessage('Credential plugins never run in untrusted workspaces.');
    const { command, args, source } = info.exec;
    const answer = await window.showWarningMessage(
      `Context "${info.name}" gets its credentials by running a program:\n\n${[command, ...args].join(' ')}\n\ndefined in ${source}. Allow Kubesight to run it?`,
      { modal: true },
      'Allow',
    );
    if (answer === 'Allow') await this.state.allowExec(info.exec);
  }
}
