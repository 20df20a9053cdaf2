// Commands on one object of the tree: open YAML (masked), describe, logs, scale, restart,
// delete, copy name, and reveal / copy one secret value.
import { commands, env, languages, window, workspace, type OutputChannel } from 'vscode';
import type { ExplorerNode } from '../cluster/explorer-model';
import { describeObject } from '../cluster/describe';
import { fetchLogs, followLogs, LineFilter, lineMatcher, logSourcesOf, SINCE_CHOICES, workloadLogs, type LogOptions, type LogSource } from '../cluster/logs';
import { isSecret, revealedValue, secretKeys, viewYaml } from '../cluster/masking';
import { deleteObject, getObject, restartRollout, scale, type ObjectRef } from '../cluster/operations';
import type { ClusterState } from './cluster-state';
import type { ClusterTree } from './tree';
import { confirmWrite, reportError, withCancellableProgress } from './ui';
import { DESCRIBE_SCHEME, LIVE_SCHEME, MemoryDocuments } from './virtual-documents';

type ObjectNode = Extract<ExplorerNode, { type: 'object' }>;
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const refOf = (n: ObjectNode): ObjectRef => ({ kind: n.kind, namespace: n.objectNamespace, name: n.name });

export class ObjectCommands {
  readonly live = new MemoryDocuments(LIVE_SCHEME);
  readonly describe = new MemoryDocuments(DESCRIBE_SCHEME);
  /** Per live document: the object (to reveal keys later) and the keys revealed so far. */
  private readonly secrets = new Map<string, { object: Obj; revealed: Set<string> }>();
  private readonly logs: OutputChannel = window.createOutputChannel('Kubesight Logs');

  constructor(private readonly state: ClusterState, private readonly tree: ClusterTree) {}

  register(): { dispose(): void }[] {
    const guard = (what: string, fn: (n: ObjectNode) => Promise<unknown>) => async (n: ObjectNode) => {
      try {
        await fn(n);
      } catch (e) {
        await reportError(e, what);
      }
    };
    return [
      workspace.registerTextDocumentContentProvider(LIVE_SCHEME, this.live),
      workspace.registerTextDocumentContentProvider(DESCRIBE_SCHEME, this.describe),
      this.logs,
      commands.registerCommand('kubesight.cluster.openYaml', guard('Open YAML', (n) => this.openYaml(n))),
      commands.registerCommand('kubesight.cluster.describe', guard('Describe', (n) => this.describeNode(n))),
      commands.registerCommand('kubesight.cluster.logs', guard('Logs', (n) => this.showLogs(n))),
      commands.registerCommand('kubesight.cluster.scale', guard('Scale', (n) => this.scaleNode(n))),
      commands.registerCommand('kubesight.cluster.restart', guard('Restart', (n) => this.write(n, (ref) => restartRollout(this.state.connect(n.context), this.state.policy, confirmWrite, ref)))),
      commands.registerCommand('kubesight.cluster.delete', guard('Delete', (n) => this.write(n, (ref) => deleteObject(this.state.connect(n.context), this.state.policy, confirmWrite, ref)))),
      commands.registerCommand('kubesight.cluster.copyName', (n: ExplorerNode) => env.clipboard.writeText(n.type === 'object' ? n.name : n.type === 'container' ? n.container : n.context)),
      commands.registerCommand('kubesight.cluster.revealSecretKey', () => this.secretKey('reveal')),
      commands.registerCommand('kubesight.cluster.copySecretValue', () => this.secretKey('copy')),
    ];
  }

  private async openYaml(n: ObjectNode): Promise<void> {
    const object = await getObject(this.state.connect(n.context), refOf(n));
    const uri = this.live.uri(n.context, n.objectNamespace ?? '', n.kind.kind, `${n.name}.yaml`);
    if (isSecret(object)) this.secrets.set(uri.toString(), { object, revealed: new Set() });
    this.live.set(uri, viewYaml(object));
    const doc = await languages.setTextDocumentLanguage(await workspace.openTextDocument(uri), 'yaml');
    await window.showTextDocument(doc, { preview: true });
  }

  private async secretKey(mode: 'reveal' | 'copy'): Promise<void> {
    const uri = window.activeTextEditor?.document.uri.toString() ?? '';
    const entry = this.secrets.get(uri);
    if (!entry) return void window.showInformationMessage('Open a Secret from the Kubesight explorer first.');
    const pick = await window.showQuickPick(secretKeys(entry.object).map((k) => ({ label: k.key, description: `${k.bytes} bytes` })), { title: mode === 'reveal' ? 'Reveal which key?' : 'Copy the value of which key?' });
    if (!pick) return;
    if (mode === 'copy') {
      await env.clipboard.writeText(revealedValue(entry.object, pick.label) ?? '');
      return void window.showInformationMessage(`Copied the value of ${pick.label} (not shown).`);
    }
    entry.revealed.add(pick.label);
    this.live.set(window.activeTextEditor!.document.uri, viewYaml(entry.object, entry.revealed));
  }

  private async describeNode(n: ObjectNode): Promise<void> {
    const text = await describeObject(this.state.connect(n.context), n.kind, n.objectNamespace, n.name);
    const uri = this.describe.uri(n.context, n.objectNamespace ?? '', n.kind.kind, `${n.name}.md`);
    this.describe.set(uri, text);
    await commands.executeCommand('markdown.showPreview', uri);
  }

  private async showLogs(n: ExplorerNode): Promise<void> {
    const conn = this.state.connect(n.context);
    let sources: LogSource[];
    if (n.type === 'container') sources = [{ namespace: n.podNamespace, pod: n.pod, container: n.container }];
    else if (n.type === 'object') sources = await logSourcesOf(conn, { ...(await getObject(conn, refOf(n))), kind: n.kind.kind });
    else return;
    if (!sources.length) return void window.showInformationMessage('No pods to read logs from.');
    const modes = ['Last 200 lines', 'Follow', 'Previous container (last 200 lines)'];
    const mode = await window.showQuickPick(sources.length > 1 ? [`All ${sources.length} containers: last 200 lines`, ...modes.map((m) => `One container: ${m}`)] : modes, { title: 'Logs' });
    if (!mode) return;
    const narrowed = await this.askLogNarrowing();
    if (!narrowed) return;
    const { options, filter } = narrowed;
    this.logs.clear();
    this.logs.show(true);
    if (mode.startsWith('All')) {
      const node = n as ObjectNode;
      return void this.logs.append(filter.push(await workloadLogs(conn, { ...(await getObject(conn, refOf(node))), kind: node.kind.kind }, { tailLines: 200, ...options })) + filter.flush());
    }
    const source = sources.length === 1 ? sources[0] : await this.pickSource(sources);
    if (!source) return;
    this.logs.appendLine(`# ${source.pod}/${source.container}${narrowed.summary}`);
    if (mode.endsWith('Follow')) {
      await withCancellableProgress(`Following ${source.pod}/${source.container}`, (signal) => followLogs(conn, source, (t) => this.logs.append(filter.push(t)), { tailLines: 200, ...options, signal }));
      return;
    }
    this.logs.append(filter.push(await fetchLogs(conn, source, { tailLines: 200, ...options, previous: mode.includes('Previous') })) + filter.flush());
  }

  /** Since when, and which lines (text or /regex/); undefined when the user backs out. */
  private async askLogNarrowing(): Promise<{ options: LogOptions; filter: LineFilter; summary: string } | undefined> {
    const since = await window.showQuickPick(SINCE_CHOICES.map((c) => ({ label: c.label, seconds: c.seconds })), { title: 'Logs since' });
    if (!since) return undefined;
    const text = await window.showInputBox({ title: 'Filter log lines', prompt: 'Text (case-insensitive) or /regex/; empty for every line', validateInput: (v) => validFilter(v) });
    if (text === undefined) return undefined;
    const summary = `${since.seconds ? ` · ${since.label.toLowerCase()}` : ''}${text.trim() ? ` · lines matching ${text.trim()}` : ''}`;
    return { options: { sinceSeconds: since.seconds }, filter: new LineFilter(lineMatcher(text)), summary };
  }

  private async pickSource(sources: LogSource[]): Promise<LogSource | undefined> {
    const pick = await window.showQuickPick(sources.map((s) => ({ label: `${s.pod}/${s.container}`, source: s })), { title: 'Which container?' });
    return pick?.source;
  }

  private async scaleNode(n: ObjectNode): Promise<void> {
    const value = await window.showInputBox({ title: `Scale ${n.kind.kind} ${n.name}`, prompt: 'Replicas', validateInput: (v) => (/^\d+$/.test(v) ? undefined : 'A whole number ≥ 0') });
    if (value === undefined) return;
    await this.write(n, (ref) => scale(this.state.connect(n.context), this.state.policy, confirmWrite, ref, Number(value)));
  }

  private async write(n: ObjectNode, action: (ref: ObjectRef) => Promise<boolean>): Promise<void> {
    if (await action(refOf(n))) this.tree.refresh();
  }
}

function validFilter(text: string): string | undefined {
  try {
    lineMatcher(text);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
