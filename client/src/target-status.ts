// The status bar item that says which Kubernetes version the active manifest is checked against, and
// where that version came from (the language server decides: features/target-version.ts).
import { StatusBarAlignment, window, type Disposable, type StatusBarItem, type TextEditor } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TARGET_VERSION_CHANGED_NOTIFICATION, TARGET_VERSION_REQUEST, type TargetVersionInfo } from '../../server/src/shared/target-protocol';

export function showTargetVersion(client: LanguageClient): Disposable[] {
  const item: StatusBarItem = window.createStatusBarItem('kubesight.targetVersion', StatusBarAlignment.Right, 100);
  item.name = 'Kubesight: Kubernetes version';
  item.command = { title: 'Kubernetes version', command: 'workbench.action.openSettings', arguments: ['kubesight.kubernetesVersion'] };
  let asked = 0;
  const update = async (editor: TextEditor | undefined = window.activeTextEditor) => {
    if (!editor || editor.document.languageId !== 'yaml') return item.hide();
    const ask = ++asked;
    const info = await client.sendRequest<TargetVersionInfo>(TARGET_VERSION_REQUEST, { uri: editor.document.uri.toString() }).catch(() => undefined);
    if (ask !== asked) return; // another editor became active meanwhile
    if (!info) return item.hide();
    item.text = `${info.problem ? '$(warning) ' : ''}K8s ${info.version}`;
    item.tooltip = [`Kubesight checks this file against Kubernetes ${info.version} (${info.from}).`, info.problem, info.note].filter(Boolean).join('\n');
    item.show();
  };
  void update();
  return [
    item,
    window.onDidChangeActiveTextEditor((editor) => void update(editor)),
    client.onNotification(TARGET_VERSION_CHANGED_NOTIFICATION, () => void update()),
  ];
}
