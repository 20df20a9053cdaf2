// Port-forward, shell, "run command" and the events view on tree items, the status bar item of running forwards,
// and the question before the first exec into a context whose name says prod.
import { commands, env, StatusBarAlignment, Uri, window, workspace, type OutputChannel, type StatusBarItem } from 'vscode';
import type { ExplorerNode } from '../cluster/explorer-model';
import { detectShell, execNeedsConfirmation, runCommand, splitCommandLine, type ContainerRef } from '../cluster/exec';
import { forwardablePorts, resolveForwardTarget } from '../cluster/forward-target';
import { getObject, refLabel, type ObjectRef } from '../cluster/operations';
import { PortForward, type PortForwardRegistry } from '../cluster/port-forward';
import type { ClusterState } from './cluster-state';
import { openEventsView } from './events-view';
import { openExecTerminal } from './exec-terminal';
import type { ForwardNode } from './tree';
import { reportError } from './ui';

type ObjectNode = Extract<ExplorerNode, { type: 'object' }>;
type ContainerNode = Extract<ExplorerNode, { type: 'container' }>;
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const refOf = (n: ObjectNode): ObjectRef => ({ kind: n.kind, namespace: n.objectNamespace, name: n.name });

export class StreamCommands {
  private readonly status: StatusBarItem = window.createStatusBarItem('kubesight.portForwards', StatusBarAlignment.Left, 9);
  private readonly output: OutputChannel = window.createOutputChannel('Kubesight Exec');
  /** Prod-named contexts the user agreed to exec into, for this window's life. */
  private readonly execAllowed = new Set<string>();

  constructor(private readonly state: ClusterState, private readonly forwards: PortForwardRegistry) {
    this.status.name = 'Kubesight port forwards';
    this.status.command = 'kubesight.cluster.stopPortForward';
  }

  register(): { dispose(): void }[] {
    const guard = <T>(what: string, fn: (n: T) => Promise<unknown>) => async (n: T) => {
      try {
        await fn(n);
      } catch (e) {
        await reportError(e, what);
      }
    };
    return [
      this.status,
      this.output,
      this.forwards.onDidChange(() => this.updateStatus()),
      { dispose: () => void this.forwards.stopAll() },
      commands.registerCommand('kubesight.cluster.portForward', guard('Port forward', (n: ObjectNode) => this.portForward(n))),
      commands.registerCommand('kubesight.cluster.stopPortForward', guard('Stop port forward', (n?: ForwardNode) => this.stopForward(n))),
      commands.registerCommand('kubesight.cluster.shell', guard('Shell', (n: ObjectNode | ContainerNode) => this.shell(n))),
      commands.registerCommand('kubesight.cluster.runCommand', guard('Run command', (n: ObjectNode | ContainerNode) => this.runOnce(n))),
      commands.registerCommand('kubesight.cluster.events', guard('Events', async (n: ExplorerNode) => this.events(n))),
    ];
  }

  private async portForward(n: ObjectNode): Promise<void> {
    if (this.state.policy.isReadOnly(n.context) && !workspace.getConfiguration('kubesight').get<boolean>('cluster.portForward.inReadOnlyContexts', true)) {
      return void window.showWarningMessage(`Port forwarding is off in read-only context "${n.context}" (kubesight.cluster.portForward.inReadOnlyContexts).`);
    }
    const conn = this.state.connect(n.context);
    const object = { ...(await getObject(conn, refOf(n))), kind: n.kind.kind };
    const port = await this.pickPort(object);
    if (port === undefined) return;
    const local = await window.showInputBox({ title: `Forward ${refLabel(refOf(n))}:${port}`, prompt: 'Local port on 127.0.0.1 (empty: a free port)', value: String(port), validateInput: (v) => (v === '' || (/^\d+$/.test(v) && Number(v) > 0 && Number(v) < 65536) ? undefined : 'A port 1–65535, or empty') });
    if (local === undefined) return;
    const label = `${refLabel(refOf(n))}:${port}`;
    let id = 0;
    const forward = await PortForward.start(conn, {
      localPort: local ? Number(local) : 0,
      resolve: () => resolveForwardTarget(conn, object, port),
      onError: (m) => void window.showWarningMessage(`Kubesight: port forward ${label}: ${m}`),
      onChange: () => this.forwards.changed(),
    });
    id = this.forwards.add(label, n.context, forward);
    const address = `127.0.0.1:${forward.localPort}`;
    const choice = await window.showInformationMessage(`Forwarding ${address} → ${label} (context ${n.context}).`, 'Open in Browser', 'Copy Address', 'Stop');
    if (choice === 'Open in Browser') await env.openExternal(Uri.parse(`http://${address}/`));
    if (choice === 'Copy Address') await env.clipboard.writeText(address);
    if (choice === 'Stop') await this.forwards.stop(id);
  }

  private async pickPort(object: Obj): Promise<number | string | undefined> {
    const ports = forwardablePorts(object);
    if (ports.length === 1) return ports[0].port;
    if (ports.length) {
      const pick = await window.showQuickPick([...ports.map((p) => ({ label: p.label, port: p.port as number | undefined })), { label: 'Another port…', port: undefined }], { title: 'Forward which port?' });
      if (!pick) return undefined;
      if (pick.port !== undefined) return pick.port;
    }
    const typed = await window.showInputBox({ title: 'Forward which port?', prompt: object.kind === 'Service' ? 'Service port' : 'Container port (number or name)', validateInput: (v) => (v.trim() ? undefined : 'A port') });
    return typed === undefined ? undefined : /^\d+$/.test(typed) ? Number(typed) : typed.trim();
  }

  private async stopForward(n?: ForwardNode): Promise<void> {
    if (n?.type === 'port-forward') return this.forwards.stop(n.forwardId);
    const running = this.forwards.list();
    if (!running.length) return void window.showInformationMessage('No port forwards are running.');
    const pick = await window.showQuickPick(running.map((f) => ({ label: `127.0.0.1:${f.forward.localPort} → ${f.label}`, description: f.context, id: f.id })), { title: 'Stop which port forward?' });
    if (pick) await this.forwards.stop(pick.id);
  }

  private updateStatus(): void {
    const running = this.forwards.list();
    if (!running.length) return this.status.hide();
    this.status.text = running.length === 1 ? `$(plug) ${running[0].forward.localPort} → ${running[0].label}` : `$(plug) ${running.length} port forwards`;
    this.status.tooltip = `${running.map((f) => `127.0.0.1:${f.forward.localPort} → ${f.label} (${f.context})`).join('\n')}\nClick to stop one.`;
    this.status.show();
  }

  /** The container to exec into; asks which one when the pod has several; undefined if declined. */
  private async containerOf(n: ObjectNode | ContainerNode): Promise<ContainerRef | undefined> {
    this.state.policy.assertWritable(n.context); // exec can change anything in the container
    if (execNeedsConfirmation(n.context, this.execAllowed)) {
      const go = 'Continue';
      const answer = await window.showWarningMessage(`Exec into context "${n.context}"? Its name says production; commands run in the live container.`, { modal: true }, go);
      if (answer !== go) return undefined;
      this.execAllowed.add(n.context);
    }
    if (n.type === 'container') return { namespace: n.podNamespace, pod: n.pod, container: n.container };
    const namespace = n.objectNamespace ?? 'default';
    const names = n.containers?.length ? n.containers : (((await getObject(this.state.connect(n.context), refOf(n))).spec?.containers ?? []) as Obj[]).map((c) => String(c.name));
    const container = names.length === 1 ? names[0] : await window.showQuickPick(names, { title: `Which container of ${n.name}?` });
    return container ? { namespace, pod: n.name, container } : undefined;
  }

  private async shell(n: ObjectNode | ContainerNode): Promise<void> {
    const target = await this.containerOf(n);
    if (!target) return;
    const conn = this.state.connect(n.context);
    const shell = await detectShell(conn, target);
    openExecTerminal(conn, target, [shell], `${target.pod}/${target.container} (${n.context})`).show();
  }

  private events(n: ExplorerNode): void {
    const conn = this.state.connect(n.context);
    if (n.type === 'object') return openEventsView(conn, { namespace: n.objectNamespace, involved: { kind: n.kind.kind, name: n.name } }, `Events: ${n.kind.kind} ${n.name} (${n.context})`);
    const namespace = n.type === 'namespace' ? n.namespace : this.state.activeNamespace;
    openEventsView(conn, { namespace: namespace || undefined }, `Events: ${namespace || 'all namespaces'} (${n.context})`);
  }

  private async runOnce(n: ObjectNode | ContainerNode): Promise<void> {
    const target = await this.containerOf(n);
    if (!target) return;
    const line = await window.showInputBox({ title: `Run in ${target.pod}/${target.container}`, prompt: 'Command (run directly, not through a shell; use sh -c "…" for pipes)', validateInput: (v) => (v.trim() ? undefined : 'A command') });
    if (!line) return;
    const result = await runCommand(this.state.connect(n.context), target, splitCommandLine(line));
    this.output.show(true);
    this.output.appendLine(`$ ${line}    # ${target.pod}/${target.container}, context ${n.context}`);
    if (result.stdout) this.output.append(result.stdout.endsWith('\n') ? result.stdout : `${result.stdout}\n`);
    if (result.stderr) this.output.append(result.stderr.endsWith('\n') ? result.stderr : `${result.stderr}\n`);
    this.output.appendLine(`[exit code ${result.exitCode}]`);
  }
}
