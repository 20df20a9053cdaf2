// Apply to the cluster — the current file, a folder, or one object from its lens: server dry runs
// first, the plan (markdown) and a diff editor (live ↔ result, only the fields the files set),
// one confirmation, the apply, then the rollouts followed in the status bar. Immutable conflicts
// get a guarded "recreate".
import { commands, Diagnostic, DiagnosticSeverity, languages, Range, RelativePattern, StatusBarAlignment, Uri, window, workspace, type StatusBarItem } from 'vscode';
import { applicable, executeApply, planApply, type ApplyPlan, type PlannedObject } from '../cluster/apply';
import { lineOfPath, locateManifests, parseFieldPath, type LocatedManifest, type LocatedText } from '../cluster/yaml-locations';
import { followRollout, recreate } from '../cluster/recreate';
import type { ClusterState } from './cluster-state';
import type { ClusterTree } from './tree';
import { confirmWrite, reportError, withCancellableProgress } from './ui';
import { MemoryDocuments, PLAN_SCHEME } from './virtual-documents';

type Obj = Record<string, unknown>;
/** Where a manifest came from, to put the API server's refusals on the right line. */
export interface Origin {
  uri: Uri;
  located: LocatedText;
  entry: LocatedManifest;
}
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

function originsOf(uri: Uri, text: string): Origin[] {
  const located = locateManifests(text);
  return located.manifests.map((entry) => ({ uri, located, entry }));
}

export function planSummary(plan: ApplyPlan): string {
  return plan.objects.map((o) => `${o.label}: ${o.outcome}${o.changedFields.length ? ` (${o.changedFields.length} field${o.changedFields.length === 1 ? '' : 's'})` : ''}${o.message ? ` — ${o.message}` : ''}`).join('\n');
}

export function planMarkdown(plan: ApplyPlan, title: string): string {
  const rows = plan.objects.map((o) => `| \`${o.label}\` | ${o.namespace ?? ''} | **${o.outcome}** | ${o.changedFields.map((f) => `\`${f}\``).join(', ') || o.message?.replace(/\|/g, '\\|') || ''} |`);
  return `# Apply plan: ${title}\n\nContext \`${plan.context}\` — from server-side dry runs; nothing has been written.\n\n| object | namespace | outcome | fields / reason |\n|---|---|---|---|\n${rows.join('\n')}\n`;
}

export class ApplyCommand {
  readonly plans = new MemoryDocuments(PLAN_SCHEME);
  private readonly refusals = languages.createDiagnosticCollection('kubesight-cluster');
  private readonly rollout: StatusBarItem = window.createStatusBarItem('kubesight.rollout', StatusBarAlignment.Left, 9);
  constructor(private readonly state: ClusterState, private readonly tree: ClusterTree, private readonly afterApply: () => void) {
    this.rollout.name = 'Kubesight rollout';
  }

  register(): { dispose(): void }[] {
    return [
      this.rollout,
      this.refusals,
      workspace.registerTextDocumentContentProvider(PLAN_SCHEME, this.plans),
      commands.registerCommand('kubesight.cluster.applyFile', () => {
        const editor = window.activeTextEditor;
        const origins = editor ? originsOf(editor.document.uri, editor.document.getText()) : [];
        return this.applyManifests(origins.map((o) => o.entry.manifest), editor ? workspace.asRelativePath(editor.document.uri) : 'current file', origins);
      }),
      commands.registerCommand('kubesight.cluster.applyFolder', (folder?: Uri) => this.applyFolder(folder)),
    ];
  }

  private async applyFolder(folder?: Uri): Promise<void> {
    const target = folder ?? (await window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, title: 'Apply which folder?' }))?.[0];
    if (!target) return;
    const files = await workspace.findFiles(new RelativePattern(target, '**/*.{yaml,yml}'), '**/{node_modules,.git,templates}/**', 2000);
    const origins: Origin[] = [];
    for (const file of files) {
      const text = new TextDecoder().decode(await workspace.fs.readFile(file));
      if (!text.includes('{{')) origins.push(...originsOf(file, text)); // Helm templates are not manifests
    }
    await this.applyManifests(origins.map((o) => o.entry.manifest), workspace.asRelativePath(target), origins);
  }

  /** The whole flow for a set of manifests; `title` names them in the plan. */
  async applyManifests(manifests: Obj[], title: string, origins: Origin[] = []): Promise<void> {
    if (!manifests.length) return void window.showInformationMessage(`Kubesight: ${title} holds no Kubernetes objects to apply.`);
    const context = this.state.activeContext;
    if (!context) return void window.showErrorMessage('Kubesight: no kubeconfig context to apply to.');
    try {
      this.state.policy.assertWritable(context);
      const conn = this.state.connect(context);
      const plan = await withCancellableProgress(`Server-side dry run of ${manifests.length} object(s) in ${context}…`, (signal) => planApply(conn, manifests, this.state.activeNamespace || 'default', signal));
      this.showRefusals(plan, origins);
      const planUri = this.plans.uri(context, 'plan.md');
      this.plans.set(planUri, planMarkdown(plan, title));
      await commands.executeCommand('markdown.showPreviewToSide', planUri);
      await this.showDiff(plan);
      const applied = await executeApply(conn, plan, this.state.policy, confirmWrite);
      if (applied.length) {
        void window.showInformationMessage(`Kubesight: applied ${applied.length} object(s) to ${context}.`);
        this.tree.refresh();
        this.afterApply();
        void this.follow(applied);
      } else if (!applicable(plan).length) {
        void window.showInformationMessage(`Kubesight: nothing to apply.\n${planSummary(plan)}`);
      }
      for (const conflict of plan.objects.filter((o) => o.outcome === 'immutable')) await this.offerRecreate(conflict);
    } catch (e) {
      await reportError(e, 'Apply');
    }
  }

  /** Invalid, immutable and forbidden objects become diagnostics on the line the server named. */
  private showRefusals(plan: ApplyPlan, origins: Origin[]): void {
    for (const o of origins) this.refusals.delete(o.uri);
    const byUri = new Map<string, { uri: Uri; diagnostics: Diagnostic[] }>();
    for (const p of plan.objects) {
      const origin = origins.find((o) => o.entry.manifest === p.manifest);
      if (!origin || !['invalid', 'immutable', 'forbidden'].includes(p.outcome)) continue;
      const lines = (p.fields?.length ? p.fields : ['']).map((f) => (f ? lineOfPath(origin.located, origin.entry.doc, parseFieldPath(f)) : undefined) ?? origin.entry.kindLine);
      const diagnostics = byUri.get(origin.uri.toString()) ?? { uri: origin.uri, diagnostics: [] };
      for (const line of [...new Set(lines)]) {
        const d = new Diagnostic(new Range(line, 0, line, 1000), `${p.message ?? p.outcome} (server dry run in ${plan.context})`, p.outcome === 'forbidden' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error);
        d.source = 'kubesight (cluster)';
        d.code = p.outcome;
        diagnostics.diagnostics.push(d);
      }
      byUri.set(origin.uri.toString(), diagnostics);
    }
    for (const { uri, diagnostics } of byUri.values()) this.refusals.set(uri, diagnostics);
  }

  async offerRecreate(conflict: PlannedObject): Promise<void> {
    const choice = await window.showWarningMessage(`Kubesight: ${conflict.label} cannot be updated: ${conflict.message}`, 'Recreate…');
    if (choice !== 'Recreate…') return;
    try {
      const conn = this.state.connect();
      if (await withCancellableProgress(`Recreating ${conflict.label}…`, (signal) => recreate(conn, this.state.policy, confirmWrite, conflict, { signal }))) {
        void window.showInformationMessage(`Kubesight: recreated ${conflict.label}.`);
        this.tree.refresh();
        this.afterApply();
      }
    } catch (e) {
      await reportError(e, 'Recreate');
    }
  }

  async showDiff(plan: ApplyPlan): Promise<void> {
    const changed = plan.objects.filter((o) => o.outcome === 'create' || o.outcome === 'update');
    if (!changed.length) return;
    const side = (pick: 'liveYaml' | 'resultYaml') => changed.map((o) => `# ${o.label} (${o.outcome})\n${o[pick] || '# not in the cluster\n'}`).join('---\n');
    const left = this.plans.uri(plan.context, 'live.yaml');
    const right = this.plans.uri(plan.context, 'after-apply.yaml');
    this.plans.set(left, side('liveYaml'));
    this.plans.set(right, side('resultYaml'));
    await commands.executeCommand('vscode.diff', left, right, `Live ↔ after apply (${plan.context}, dry run)`, { preview: true });
  }

  /** Follows the rollouts of applied workloads in the status bar; a failure is reported. */
  private async follow(applied: PlannedObject[]): Promise<void> {
    const conn = this.state.connect();
    for (const o of applied.filter((a) => WORKLOADS.has(String(a.manifest.kind)))) {
      this.rollout.text = `$(sync~spin) ${o.name}: rolling out`;
      this.rollout.show();
      const final = await followRollout(conn, o, (s) => (this.rollout.text = `$(sync~spin) ${o.name}: ${s.text}`)).catch(() => undefined);
      this.afterApply();
      if (final?.health === 'failed') void window.showErrorMessage(`Kubesight: rollout of ${o.label} failed: ${final.text}. Hover its kind line for the reasons.`);
      this.rollout.text = `${final?.health === 'healthy' ? '$(pass)' : '$(warning)'} ${o.name}: ${final?.text ?? 'unknown'}`;
    }
    setTimeout(() => this.rollout.hide(), 15_000);
  }
}
