// "Kubesight: Apply Current File to Cluster": dry run of every object, the plan and a diff editor
// (live ↔ result, only the fields the file sets), then one confirmation, then the apply.
import { commands, window, workspace } from 'vscode';
import { executeApply, planApply, type ApplyPlan } from '../cluster/apply';
import { manifestsOf } from '../cluster/manifests';
import type { ClusterState } from './cluster-state';
import type { ClusterTree } from './tree';
import { confirmWrite, reportError, withCancellableProgress } from './ui';
import { MemoryDocuments, PLAN_SCHEME } from './virtual-documents';

export function planSummary(plan: ApplyPlan): string {
  return plan.objects.map((o) => `${o.label}: ${o.outcome}${o.changedFields.length ? ` (${o.changedFields.length} field${o.changedFields.length === 1 ? '' : 's'})` : ''}${o.message ? ` — ${o.message}` : ''}`).join('\n');
}

export class ApplyCommand {
  readonly plans = new MemoryDocuments(PLAN_SCHEME);
  constructor(private readonly state: ClusterState, private readonly tree: ClusterTree) {}

  register(): { dispose(): void }[] {
    return [workspace.registerTextDocumentContentProvider(PLAN_SCHEME, this.plans), commands.registerCommand('kubesight.cluster.applyFile', () => this.run())];
  }

  private async run(): Promise<void> {
    const editor = window.activeTextEditor;
    const manifests = editor ? manifestsOf(editor.document.getText()) : [];
    if (!manifests.length) return void window.showInformationMessage('Kubesight: the active editor holds no Kubernetes objects to apply.');
    const context = this.state.activeContext;
    if (!context) return void window.showErrorMessage('Kubesight: no kubeconfig context to apply to.');
    try {
      this.state.policy.assertWritable(context);
      const conn = this.state.connect(context);
      const plan = await withCancellableProgress(`Server-side dry run in ${context}…`, (signal) => planApply(conn, manifests, this.state.activeNamespace || 'default', signal));
      await this.showDiff(plan);
      const blocked = plan.objects.filter((o) => !['create', 'update', 'unchanged'].includes(o.outcome));
      if (blocked.length) void window.showWarningMessage(`Kubesight: ${blocked.length} object(s) cannot be applied:\n${planSummary({ ...plan, objects: blocked })}`);
      const applied = await executeApply(conn, plan, this.state.policy, confirmWrite);
      if (applied.length) {
        void window.showInformationMessage(`Kubesight: applied ${applied.map((o) => o.label).join(', ')} to ${context}.`);
        this.tree.refresh();
      } else if (!plan.objects.some((o) => o.outcome === 'create' || o.outcome === 'update')) {
        void window.showInformationMessage(`Kubesight: nothing to apply.\n${planSummary(plan)}`);
      }
    } catch (e) {
      await reportError(e, 'Apply');
    }
  }

  private async showDiff(plan: ApplyPlan): Promise<void> {
    const changed = plan.objects.filter((o) => o.outcome === 'create' || o.outcome === 'update');
    if (!changed.length) return;
    const side = (pick: 'liveYaml' | 'resultYaml') => changed.map((o) => `# ${o.label} (${o.outcome})\n${o[pick] || '# not in the cluster\n'}`).join('---\n');
    const left = this.plans.uri(plan.context, 'live.yaml');
    const right = this.plans.uri(plan.context, 'after-apply.yaml');
    this.plans.set(left, side('liveYaml'));
    this.plans.set(right, side('resultYaml'));
    await commands.executeCommand('vscode.diff', left, right, `Live ↔ after apply (${plan.context}, dry run)`, { preview: true });
  }
}
