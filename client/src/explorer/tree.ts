// Renders the explorer model as a VS Code tree: icons by health, status as description, stable
// ids, context values for the item menus, a progress indicator while a level loads, paging by a
// "Load more" item, a watch on expanded kind folders that refreshes them, and (at the root while
// any run) the port-forwards with their stop action.
import { EventEmitter, ThemeColor, ThemeIcon, TreeItem, TreeItemCollapsibleState, window, type TreeDataProvider, type TreeView } from 'vscode';
import type { ExplorerModel, ExplorerNode } from '../cluster/explorer-model';
import { contextValue } from '../cluster/menus';
import type { PortForwardRegistry } from '../cluster/port-forward';
import { listEvents, warningCounts } from '../cluster/events';
import { watchKind } from '../cluster/watch';
import type { ClusterState } from './cluster-state';

export const VIEW_ID = 'kubesight.clusters';

/** The tree's own nodes beside the model's: the running port-forwards. */
export type ForwardNode = { type: 'port-forwards'; id: string; context: string } | { type: 'port-forward'; id: string; context: string; forwardId: number };
export type TreeNode = ExplorerNode | ForwardNode;

const HEALTH_ICON = {
  healthy: new ThemeIcon('pass-filled', new ThemeColor('testing.iconPassed')),
  progressing: new ThemeIcon('sync', new ThemeColor('charts.yellow')),
  failed: new ThemeIcon('error', new ThemeColor('testing.iconFailed')),
  unknown: new ThemeIcon('circle-outline'),
};

export class ClusterTree implements TreeDataProvider<TreeNode> {
  private readonly changed = new EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Extra pages loaded through "Load more", by the kind node's id. */
  private readonly pages = new Map<string, ExplorerNode[]>();
  private readonly watches = new Map<string, AbortController>();
  /** The elements handed to VS Code, by id, so a folder can be refreshed by reference. */
  private readonly elements = new Map<string, ExplorerNode>();
  private view: TreeView<TreeNode> | undefined;
  /** Warning event counts by `context|namespace`, then `Kind/name`, fetched with each kind folder. */
  private readonly warnings = new Map<string, { at: number; counts: Map<string, number> }>();
  private readonly forwardsRoot: ForwardNode = { type: 'port-forwards', id: 'port-forwards', context: '' };

  constructor(private readonly model: ExplorerModel, private readonly state: ClusterState, private readonly forwards?: PortForwardRegistry) {
    forwards?.onDidChange(() => this.changed.fire(undefined));
  }

  attach(view: TreeView<TreeNode>): void {
    this.view = view;
    view.onDidExpandElement((e) => e.element.type !== 'port-forwards' && e.element.type !== 'port-forward' && this.startWatch(e.element));
    view.onDidCollapseElement((e) => this.stopWatch(e.element.id));
  }

  refresh(node?: ExplorerNode): void {
    if (!node) {
      this.pages.clear();
      this.elements.clear();
      for (const id of [...this.watches.keys()]) this.stopWatch(id);
    }
    this.changed.fire(node);
  }

  async loadMore(more: Extract<ExplorerNode, { type: 'more' }>): Promise<void> {
    const parentId = more.parentId;
    const next = await this.model.children(more);
    const kept = (this.pages.get(parentId) ?? []).filter((n) => n.id !== more.id);
    this.pages.set(parentId, [...kept, ...next]);
    // VS Code finds tree elements by reference: refresh the folder object it was given.
    this.changed.fire(this.elements.get(parentId));
  }

  getTreeItem(node: TreeNode): TreeItem {
    if (node.type === 'port-forwards' || node.type === 'port-forward') return this.forwardItem(node);
    const item = new TreeItem(labelOf(node), collapsible(node));
    item.id = node.id;
    item.contextValue = contextValue(node, this.state.policy.isReadOnly(node.context));
    switch (node.type) {
      case 'context':
        item.description = node.active ? `active · ${node.info.server ?? ''}` : node.info.server;
        item.iconPath = new ThemeIcon(node.active ? 'vm-active' : 'vm');
        item.tooltip = `cluster ${node.info.cluster}, user ${node.info.user}${node.info.exec ? `\ncredentials from: ${node.info.exec.command}` : ''}`;
        break;
      case 'namespace':
        item.iconPath = new ThemeIcon(node.namespace ? 'symbol-namespace' : 'globe');
        break;
      case 'object':
        item.description = [node.status.text, node.age, this.warningText(node)].filter(Boolean).join(' · ');
        item.iconPath = HEALTH_ICON[node.status.health];
        item.tooltip = `${node.kind.kind} ${node.objectNamespace ? `${node.objectNamespace}/` : ''}${node.name}\n${node.status.text}`;
        item.command = { command: 'kubesight.cluster.openYaml', title: 'Open YAML', arguments: [node] };
        break;
      case 'container':
        item.description = node.status.text;
        item.iconPath = HEALTH_ICON[node.status.health];
        break;
      case 'more':
        item.iconPath = new ThemeIcon('ellipsis');
        item.command = { command: 'kubesight.cluster.loadMore', title: 'Load more', arguments: [node] };
        break;
      case 'message':
        item.iconPath = new ThemeIcon(node.severity === 'error' ? 'warning' : 'info');
        item.tooltip = node.text;
        if (node.errorKind === 'exec-consent') item.command = { command: 'kubesight.cluster.allowExecPlugin', title: 'Allow credential plugin', arguments: [node.context] };
        break;
      default:
        item.iconPath = new ThemeIcon('folder');
    }
    return item;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node?.type === 'port-forwards') return (this.forwards?.list() ?? []).map((f): ForwardNode => ({ type: 'port-forward', id: `port-forward/${f.id}`, context: f.context, forwardId: f.id }));
    if (node?.type === 'port-forward') return [];
    // Nothing to browse: an empty root lets VS Code show the state's welcome view (package.json).
    if (!node && this.state.viewState !== 'ready') return [];
    if (!this.state.enabled || !this.state.trusted) return [];
    const extra = node ? this.pages.get(node.id) ?? [] : [];
    const children = await window.withProgress({ location: { viewId: VIEW_ID } }, () => this.model.children(node));
    const shown = extra.length ? [...children.filter((c) => c.type !== 'more'), ...extra] : children;
    for (const c of shown) this.elements.set(c.id, c);
    if (node?.type === 'kind' && node.kind.namespaced) await this.loadWarnings(shown);
    return !node && this.forwards?.list().length ? [this.forwardsRoot, ...shown] : shown;
  }

  private warningText(node: Extract<ExplorerNode, { type: 'object' }>): string {
    const n = this.warnings.get(`${node.context}|${node.objectNamespace ?? ''}`)?.counts.get(`${node.kind.kind}/${node.name}`);
    return n ? `⚠ ${n} warning event${n === 1 ? '' : 's'}` : '';
  }

  /** Warning counts for the namespaces of these objects (at most every 15 s each); failures show none. */
  private async loadWarnings(nodes: ExplorerNode[]): Promise<void> {
    const scopes = new Set(nodes.flatMap((n) => (n.type === 'object' ? [`${n.context}|${n.objectNamespace ?? ''}`] : [])));
    await Promise.all(
      [...scopes].map(async (key) => {
        if ((this.warnings.get(key)?.at ?? 0) > Date.now() - 15_000) return;
        const [context, namespace] = key.split('|');
        try {
          this.warnings.set(key, { at: Date.now(), counts: warningCounts(await listEvents(this.state.connect(context), { namespace: namespace || undefined })) });
        } catch {
          this.warnings.delete(key);
        }
      }),
    );
  }

  private forwardItem(node: ForwardNode): TreeItem {
    if (node.type === 'port-forwards') {
      const item = new TreeItem(`Port forwards (${this.forwards?.list().length ?? 0})`, TreeItemCollapsibleState.Expanded);
      item.id = node.id;
      item.iconPath = new ThemeIcon('plug');
      item.contextValue = 'port-forwards';
      return item;
    }
    const entry = this.forwards?.list().find((f) => f.id === node.forwardId);
    const item = new TreeItem(`${entry?.forward.address}:${entry?.forward.localPort} → ${entry?.label}`, TreeItemCollapsibleState.None);
    item.id = node.id;
    const target = entry?.forward.current;
    item.description = [node.context, target ? `pod ${target.pod}:${target.port}` : '', `${entry?.forward.openConnections ?? 0} open`].filter(Boolean).join(' · ');
    item.iconPath = new ThemeIcon('arrow-swap');
    item.contextValue = 'port-forward';
    return item;
  }

  private startWatch(node: ExplorerNode): void {
    if (node.type !== 'kind' || this.watches.has(node.id)) return;
    const controller = new AbortController();
    this.watches.set(node.id, controller);
    let timer: NodeJS.Timeout | undefined;
    const refreshSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => this.changed.fire(node), 500);
    };
    try {
      void watchKind(this.state.connect(node.context), node.kind, node.namespace || undefined, refreshSoon, controller.signal).catch(() => this.watches.delete(node.id));
    } catch {
      this.watches.delete(node.id);
    }
  }

  private stopWatch(id: string): void {
    this.watches.get(id)?.abort();
    this.watches.delete(id);
  }

  dispose(): void {
    for (const id of [...this.watches.keys()]) this.stopWatch(id);
    this.view?.dispose();
  }
}

function labelOf(node: ExplorerNode): string {
  switch (node.type) {
    case 'context':
      return node.context;
    case 'namespace':
      return node.namespace || 'All namespaces';
    case 'group':
      return node.group.label;
    case 'custom-resources':
      return 'Custom resources';
    case 'custom-group':
      return node.apiGroup;
    case 'kind':
      return node.kind.label;
    case 'object':
      return node.name;
    case 'container':
      return node.container;
    case 'more':
      return `Load more (${node.loaded} shown)`;
    case 'message':
      return node.text;
  }
}

function collapsible(node: ExplorerNode): TreeItemCollapsibleState {
  if (node.type === 'message' || node.type === 'more' || node.type === 'container') return TreeItemCollapsibleState.None;
  if (node.type === 'object') return node.kind.kind === 'Pod' || node.selector ? TreeItemCollapsibleState.Collapsed : TreeItemCollapsibleState.None;
  return node.type === 'context' && node.active ? TreeItemCollapsibleState.Expanded : TreeItemCollapsibleState.Collapsed;
}
