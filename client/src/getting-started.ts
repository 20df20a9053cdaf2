// The walkthrough's commands (package.json `walkthroughs`): the example manifest opens as an
// untitled document (editable, never saved by itself) and the stack snippet goes into a new one.
import { commands, Uri, window, workspace, type Disposable, type ExtensionContext } from 'vscode';

const EXAMPLE = 'client/media/walkthrough/example.yaml';
const STACK_SNIPPET = 'Stack: Laravel';

export function registerGettingStarted(context: ExtensionContext): Disposable[] {
  return [
    commands.registerCommand('kubesight.gettingStarted.openExample', async () => {
      const content = new TextDecoder().decode(await workspace.fs.readFile(Uri.joinPath(context.extensionUri, EXAMPLE)));
      await window.showTextDocument(await workspace.openTextDocument({ language: 'yaml', content }));
    }),
    commands.registerCommand('kubesight.gettingStarted.insertStack', async () => {
      await window.showTextDocument(await workspace.openTextDocument({ language: 'yaml', content: '' }));
      await commands.executeCommand('editor.action.insertSnippet', { langId: 'yaml', name: STACK_SNIPPET });
    }),
  ];
}
