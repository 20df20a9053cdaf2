// The commands behind the status lenses (open live, diff, apply, recreate, logs) and "Export as
// Manifest" on a tree object (a clean manifest in a new editor, diffed with the workspace file
// that defines the same object when there is one: "adopt").
import { commands, languages, Uri, window, workspace } from 'vscode';
import { encodeManifest } from '../../../server/src/shared/manifest-yaml';
import type { ExplorerNode } from '../cluster/explorer-model';
import { exportManifest } from '../cluster/export';
import { MASK, isSecret } from '../cluster/masking';
import { locateManifests } from '../cluster/yaml-locations';
import { getObject } from '../cluster/operations';
import type { ApplyCommand } from './apply-command';
import type { ClusterState } from './cluster-state';
import type { LiveLenses } from './live-lens';
import { reportError } from './ui';
import { MemoryDocuments } from './virtual-documents';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type ObjectNode = Extract<ExplorerNode, { type: 'object' }>;

export class LiveCommands {
  private readonly exports = new MemoryDocuments('kubesight-export');
  constructor(private readonly state: ClusterState, private readonly lenses: LiveLenses, private readonly apply: ApplyCommand) {}

  register(): { dispose(): void }[] {
    const planned = (uri: Uri, key: string) => this.lenses.stateOf(uri.toString(), key)?.plan;
    return [
      workspace.registerTextDocumentContentProvider('kubesight-export', this.exports),
      commands.registerCommand('kubesight.live.open', (uri: Uri, key: string) => {
        const p = planned(uri, key);
        return p?.kind && commands.executeCommand('kubesight.cluster.openYaml', this.nodeOf(p.kind, p.namespace, p.name));
      }),
      commands.registerCommand('kubesight.live.logs', (uri: Uri, key: string) => {
        const p = planned(uri, key);
        return p?.kind && commands.executeCommand('kubesight.cluster.logs', this.nodeOf(p.kind, p.namespace, p.name, p.live));
      }),
      commands.registerCommand('kubesight.live.diff', (uri: Uri, key: string) => {
        const p = planned(uri, key);
        return p && this.apply.showDiff({ context: this.state.activeContext ?? '', objects: [p] });
      }),
      commands.registerCommand('kubesight.live.apply', (uri: Uri, key: string) => {
        const p = planned(uri, key);
        return p && this.apply.applyManifests([p.manifest], p.label);
      }),
      commands.registerCommand('kubesight.live.recreate', (uri: Uri, key: string) => {
        const p = planned(uri, key);
        return p && this.apply.offerRecreate(p);
      }),
      commands.registerCommand('kubesight.live.refresh', () => this.lenses.refreshAll()),
      commands.registerCommand('kubesight.cluster.export', (n: ObjectNode) => this.export(n)),
    ];
  }

  private nodeOf(kind: ObjectNode['kind'], namespace: string | undefined, name: string, live?: Obj): ObjectNode {
    return { type: 'object', id: `live/${kind.kind}/${namespace}/${name}`, context: this.state.activeContext ?? '', namespace: namespace ?? '', kind, name, objectNamespace: namespace, status: { text: '', health: 'unknown' }, age: '', ...(live?.spec?.selector ? { selector: Object.entries(live.spec.selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',') } : {}) };
  }

  private async export(n: ObjectNode): Promise<void> {
    try {
      const live = await getObject(this.state.connect(n.context), { kind: n.kind, namespace: n.objectNamespace, name: n.name });
      const clean = exportManifest(live);
      if (isSecret(clean)) for (const f of ['data', 'stringData']) if (clean[f]) clean[f] = Object.fromEntries(Object.keys(clean[f]).map((k) => [k, MASK]));
      const text = encodeManifest(clean);
      const uri = this.exports.uri(n.context, n.objectNamespace ?? '', n.kind.kind, `${n.name}.yaml`);
      this.exports.set(uri, text);
      const own = await this.workspaceFileDefining(clean);
      if (own) {
        await commands.executeCommand('vscode.diff', own, uri, `${n.name}: workspace file ↔ live (clean)`);
        return;
      }
      const doc = await workspace.openTextDocument({ language: 'yaml', content: text });
      await languages.setTextDocumentLanguage(doc, 'yaml');
      await window.showTextDocument(doc);
    } catch (e) {
      await reportError(e, 'Export');
    }
  }

  /** A workspace YAML file that defines the same kind and name (and namespace when set). */
  private async workspaceFileDefining(o: Obj): Promise<Uri | undefined> {
    const files = await workspace.findFiles('**/*.{yaml,yml}', '**/{node_modules,.git}/**', 1000);
    for (const file of files) {
      const text = new TextDecoder().decode(await workspace.fs.readFile(file));
      if (!text.includes(String(o.metadata?.name))) continue;
      const match = locateManifests(text).manifests.some(({ manifest: m }) => m.kind === o.kind && (m.metadata as Obj | undefined)?.name === o.metadata?.name && (!(m.metadata as Obj | undefined)?.namespace || (m.metadata as Obj).namespace === o.metadata?.namespace));
      if (match) return file;
    }
    return undefined;
  }
}
