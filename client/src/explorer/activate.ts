// Wires the cluster explorer into VS Code: state, tree view, commands, status bar, and the
// cluster index sent to the language server. Everything else lives in plain modules (../cluster).
import { languages, window, workspace, type ExtensionContext } from 'vscode';
import { ExplorerModel } from '../cluster/explorer-model';
import { ApplyCommand } from './apply-command';
import { ClusterState } from './cluster-state';
import { ContextCommands, type Notify } from './context-commands';
import { LiveCommands } from './live-commands';
import { LiveLenses, type OverlayObjects } from './live-lens';
import { ObjectCommands } from './object-commands';
import { PortForwardRegistry } from '../cluster/port-forward';
import { StreamCommands } from './stream-commands';
import { ClusterTree, VIEW_ID } from './tree';
import { registerWelcomeCommands } from './welcome-commands';
import { registerSecretEditor } from './secret-editor';

/** What the rest of the extension (and its extension-host tests) may read of the explorer. */
export interface Explorer {
  readonly tree: ClusterTree;
  readonly state: ClusterState;
  /** The apply plan's flow, for the manifests of other sources (a kustomization's build). */
  readonly apply: ApplyCommand;
}

/** `overlayObjects`: a base's objects as its overlays build them (the language server's builds), for the live lenses. */
export function activateExplorer(context: ExtensionContext, notify: Notify, overlayObjects?: OverlayObjects): Explorer {
  const state = new ClusterState(context);
  const model = new ExplorerModel({ kubeconfig: () => state.kubeconfig(), connect: (c) => state.connect(c), activeContext: () => state.activeContext });
  const forwards = new PortForwardRegistry();
  const tree = new ClusterTree(model, state, forwards);
  const view = window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  tree.attach(view);
  const contexts = new ContextCommands(state, tree, notify);
  const lenses = new LiveLenses(state, overlayObjects);
  const apply = new ApplyCommand(state, tree, () => lenses.refreshAll());
  const yaml = { language: 'yaml', scheme: 'file' };
  context.subscriptions.push(
    tree,
    lenses,
    ...contexts.register(),
    ...new ObjectCommands(state, tree).register(),
    ...apply.register(),
    ...registerWelcomeCommands(),
    ...registerSecretEditor(state),
    ...new StreamCommands(state, forwards).register(),
    ...new LiveCommands(state, lenses, apply).register(),
    languages.registerCodeLensProvider(yaml, lenses),
    languages.registerHoverProvider(yaml, lenses),
    workspace.onDidSaveTextDocument((d) => void lenses.refresh(d)),
    workspace.onDidOpenTextDocument((d) => void lenses.refresh(d)),
    state.onDidChange(() => lenses.refreshAll()),
    workspace.onDidGrantWorkspaceTrust(() => state.reload()),
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('kubesight.cluster') || e.affectsConfiguration('kubesight.kubeconfig')) state.reload();
    }),
  );
  contexts.update();
  return { tree, state, apply };
}
