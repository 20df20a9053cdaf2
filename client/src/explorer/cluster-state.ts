// The extension's cluster state: settings, the merged kubeconfig, the active context and
// namespace (kept in workspace state, never in the kubeconfig), cached connections and the exec
// plugins the user allowed. Everything cluster-related asks here first.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { EventEmitter, workspace, type ExtensionContext } from 'vscode';
import { ClusterConnection, DEFAULT_TIMEOUT_MS } from '../cluster/connection';
import { kubeconfigPaths, loadKubeconfig, type ExecPlugin, type LoadedKubeconfig } from '../cluster/kubeconfig';
import { execConsentKey, WritePolicy } from '../cluster/safety';
import { clusterViewState, type ClusterViewState } from '../cluster/view-state';

const ACTIVE_CONTEXT = 'kubesight.cluster.context';
const ACTIVE_NAMESPACE = 'kubesight.cluster.namespace';
const EXEC_CONSENT = 'kubesight.cluster.allowedExecPlugins';

export class ClusterState {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private loaded: LoadedKubeconfig | undefined;
  private readonly connections = new Map<string, ClusterConnection>();

  constructor(private readonly context: ExtensionContext) {}

  get enabled(): boolean {
    return workspace.getConfiguration('kubesight').get<boolean>('cluster.enable', true);
  }

  /** Untrusted workspaces make no cluster calls (the connection refuses too). */
  get trusted(): boolean {
    return workspace.isTrusted;
  }

  /** What the Clusters view shows at its root (a welcome view unless `ready`). */
  get viewState(): ClusterViewState {
    return clusterViewState({ enabled: this.enabled, trusted: this.trusted, kubeconfig: () => this.kubeconfig() });
  }

  get policy(): WritePolicy {
    return new WritePolicy(workspace.getConfiguration('kubesight').get<string[]>('cluster.readOnlyContexts', []));
  }

  kubeconfig(): LoadedKubeconfig {
    if (!this.loaded) {
      // In an untrusted workspace the kubeconfig setting is restricted (package.json), so only the
      // user's own KUBECONFIG / ~/.kube/config can be named.
      const setting = this.trusted ? workspace.getConfiguration('kubesight').get<string>('kubeconfig') : undefined;
      this.loaded = loadKubeconfig(kubeconfigPaths({ setting, KUBECONFIG: process.env.KUBECONFIG, home: homedir() }), existsSync);
    }
    return this.loaded;
  }

  get activeContext(): string | undefined {
    const chosen = this.context.workspaceState.get<string>(ACTIVE_CONTEXT);
    const kc = this.kubeconfig();
    return chosen && kc.contexts.some((c) => c.name === chosen) ? chosen : kc.currentContext;
  }

  /** The chosen namespace, else the context's own, else `default`; '' means all namespaces. */
  get activeNamespace(): string {
    const context = this.activeContext;
    const chosen = this.context.workspaceState.get<Record<string, string>>(ACTIVE_NAMESPACE, {})[context ?? ''];
    if (chosen !== undefined) return chosen;
    return this.kubeconfig().contexts.find((c) => c.name === context)?.namespace ?? 'default';
  }

  async setActive(context: string, namespace?: string): Promise<void> {
    await this.context.workspaceState.update(ACTIVE_CONTEXT, context);
    if (namespace !== undefined) {
      const all = this.context.workspaceState.get<Record<string, string>>(ACTIVE_NAMESPACE, {});
      await this.context.workspaceState.update(ACTIVE_NAMESPACE, { ...all, [context]: namespace });
    }
    this.changed.fire();
  }

  connect(contextName = this.activeContext ?? ''): ClusterConnection {
    const cached = this.connections.get(contextName);
    if (cached) return cached;
    const timeoutMs = (workspace.getConfiguration('kubesight').get<number>('cluster.requestTimeout') ?? DEFAULT_TIMEOUT_MS / 1000) * 1000;
    const conn = ClusterConnection.open(this.kubeconfig(), contextName, { trusted: this.trusted, allowExec: (p) => this.execAllowed(p), timeoutMs });
    this.connections.set(contextName, conn);
    return conn;
  }

  execAllowed(plugin: ExecPlugin): boolean {
    return this.trusted && this.context.globalState.get<string[]>(EXEC_CONSENT, []).includes(execConsentKey(plugin));
  }

  async allowExec(plugin: ExecPlugin): Promise<void> {
    const allowed = this.context.globalState.get<string[]>(EXEC_CONSENT, []);
    await this.context.globalState.update(EXEC_CONSENT, [...new Set([...allowed, execConsentKey(plugin)])]);
    this.reload();
  }

  /** Settings, trust or kubeconfig changed: read everything again. */
  reload(): void {
    this.loaded = undefined;
    this.connections.clear();
    this.changed.fire();
  }
}
