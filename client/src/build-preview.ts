// The Kustomize build preview: the code lens of a kustomization runs the command, which opens the
// server's in-memory build as a read-only YAML document (scheme kubesight-build).
import { commands, languages, Uri, window, workspace, type Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BUILD_PREVIEW_COMMAND, BUILD_PREVIEW_REQUEST, BUILD_PREVIEW_SCHEME, type BuildPreview } from '../../server/src/shared/kustomize-protocol';

export function registerBuildPreview(client: LanguageClient): Disposable[] {
  const provider = {
    async provideTextDocumentContent(uri: Uri): Promise<string> {
      const preview = await client.sendRequest<BuildPreview>(BUILD_PREVIEW_REQUEST, { uri: uri.query }).catch((e: unknown) => ({ text: `# build preview failed: ${String(e)}\n`, objects: 0 }));
      return preview.text;
    },
  };
  return [
    workspace.registerTextDocumentContentProvider(BUILD_PREVIEW_SCHEME, provider),
    commands.registerCommand(BUILD_PREVIEW_COMMAND, async (kustomization?: string) => {
      const source = kustomization ?? window.activeTextEditor?.document.uri.toString();
      if (!source) return;
      const folder = Uri.parse(source).path.replace(/\/[^/]*$/, '');
      const preview = Uri.from({ scheme: BUILD_PREVIEW_SCHEME, path: `${folder}/kustomize build.yaml`, query: source });
      const document = await languages.setTextDocumentLanguage(await workspace.openTextDocument(preview), 'yaml');
      await window.showTextDocument(document, { preview: true });
    }),
  ];
}
