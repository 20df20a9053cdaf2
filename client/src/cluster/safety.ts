// Who may write where: read-only contexts (globs from `kubesight.cluster.readOnlyContexts`) never
// see a write action; a context whose name says `prod` needs its name typed to confirm; every
// write goes through one confirmation that names the context, namespace and objects.
import picomatch from 'picomatch';
import { ClusterError } from './connection';
import type { ExecPlugin } from './kubeconfig';

export type WriteAction = 'apply' | 'delete' | 'scale' | 'restart' | 'recreate';

export interface WriteSummary {
  action: WriteAction;
  context: string;
  namespace?: string;
  /** `deployment.apps/web`, one per object the write touches. */
  objects: string[];
  /** What else goes with it (pods of a deleted Deployment, the Job's pods on recreate). */
  consequences: string[];
  /** Set when the user must type this (the context name) to confirm. */
  typeToConfirm?: string;
}

/** The UI's answer to a write: true only when the user explicitly confirmed. */
export type Confirm = (summary: WriteSummary) => Promise<boolean>;

export class WritePolicy {
  private readonly readOnly: (context: string) => boolean;
  constructor(readOnlyContexts: string[]) {
    const match = readOnlyContexts.length ? picomatch(readOnlyContexts, { nocase: true }) : undefined;
    this.readOnly = (context) => !!match?.(context);
  }

  isReadOnly(context: string): boolean {
    return this.readOnly(context);
  }

  assertWritable(context: string): void {
    if (this.isReadOnly(context)) throw new ClusterError('forbidden', `Context "${context}" is read-only in Kubesight (kubesight.cluster.readOnlyContexts).`);
  }

  /** Asks for confirmation; throws for a read-only context; resolves false when declined. */
  async confirm(confirm: Confirm, summary: Omit<WriteSummary, 'typeToConfirm'>): Promise<boolean> {
    this.assertWritable(summary.context);
    const typeToConfirm = /prod/i.test(summary.context) ? summary.context : undefined;
    return confirm({ ...summary, ...(typeToConfirm ? { typeToConfirm } : {}) });
  }
}

/** The text of a confirmation, shared by the modal dialog and tests. */
export function confirmationText(s: WriteSummary): string {
  const where = `context "${s.context}"${s.namespace ? `, namespace "${s.namespace}"` : ''}`;
  const list = s.objects.length > 6 ? [...s.objects.slice(0, 6), `… and ${s.objects.length - 6} more`] : s.objects;
  const more = s.consequences.length ? `\n\n${s.consequences.join('\n')}` : '';
  return `${s.action[0].toUpperCase()}${s.action.slice(1)} in ${where}:\n${list.join('\n')}${more}`;
}

/** The identity under which the user allowed an exec credential plugin. */
export function execConsentKey(plugin: ExecPlugin): string {
  return JSON.stringify([plugin.command, plugin.args, plugin.source]);
}
