// The few UI primitives the cluster commands share: the write confirmation (modal, or typing the
// context name for production contexts) and running a task with a cancellable progress.
import { ProgressLocation, window, type CancellationToken } from 'vscode';
import { ClusterError } from '../cluster/connection';
import { confirmationText, type WriteSummary } from '../cluster/safety';

export async function confirmWrite(summary: WriteSummary): Promise<boolean> {
  const text = confirmationText(summary);
  if (summary.typeToConfirm) {
    const typed = await window.showInputBox({
      title: `Kubesight: ${summary.action} in ${summary.context}`,
      prompt: `${text}\n\nType the context name "${summary.typeToConfirm}" to confirm.`,
      ignoreFocusOut: true,
      validateInput: (v) => (v === summary.typeToConfirm ? undefined : `Type "${summary.typeToConfirm}" exactly`),
    });
    return typed === summary.typeToConfirm;
  }
  const button = summary.action[0].toUpperCase() + summary.action.slice(1);
  return (await window.showWarningMessage(text, { modal: true }, button)) === button;
}

/** Runs `task` with a cancellable notification; cancelling aborts its requests. */
export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal, token: CancellationToken) => Promise<T>): Thenable<T> {
  return window.withProgress({ location: ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
    const controller = new AbortController();
    token.onCancellationRequested(() => controller.abort());
    return task(controller.signal, token);
  });
}

export async function reportError(e: unknown, what: string): Promise<void> {
  if (e instanceof ClusterError && e.kind === 'cancelled') return;
  const message = e instanceof Error ? e.message : String(e);
  await window.showErrorMessage(`Kubesight: ${what} failed. ${message}`);
}
