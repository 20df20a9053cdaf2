// The Kustomize build preview: the code lens of a kustomization runs the command, which opens the
// server's in-memory build as a read-only YAML document (scheme kubesight-build), with the rules'
// findings on the built objects shown on it.
import { commands, Diagnostic, DiagnosticSeverity, languages, Range, Uri, window, workspace, type Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ApplyCommand } from './explorer/apply-command';
import { buildManifests } from './cluster/kustomize-apply';
import { APPLY_KUSTOMIZATION_COMMAND, BUILD_PREVIEW_COMMAND, BUILD_PREVIEW_REQUEST, BUILD_PREVIEW_SCHEME, type BuildPreview, type PreviewDiagnostic } from '../../server/src/shared/kustomize-protocol';

const SEVERITIES = [DiagnosticSeverity.Error, DiagnosticSeverity.Warning, DiagnosticSeverity.Information, DiagnosticSeverity.Hint];

function toDiagnostic(d: PreviewDiagnostic): Diagnostic {
  const diagnostic = new Diagnostic(new Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character), d.message, SEVERITIES[d.severity - 1]);
  diagnostic.source = 'kubesight (build)';
  diagnostic.code = d.code;
  return diagnostic;
}

export function registerBuildPreview(client: LanguageClient): Disposable[] {
  const diagnostics = languages.createDiagnosticCollection('kubesight-build');
  const provider = {
    async provideTextDocumentContent(uri: Uri): Promise<string> {
      const preview: BuildPreview = await client.sendRequest<BuildPreview>(BUILD_PREVIEW_REQUEST, { uri: uri.query }).catch((e: unknown) => ({ text: `# build preview failed: ${String(e)}\n`, objects: 0 }));
      diagnostics.set(uri, (preview.diagnostics ?? []).map(toDiagnostic));
      return preview.text;
    },
  };
  return [
    diagnostics,
    workspace.onDidCloseTextDocument((d) => d.uri.scheme === BUILD_PREVIEW_SCHEME && diagnostics.delete(d.uri)),
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

/**
 * "Apply Kustomization" (explorer and editor menus of a kustomization file): the server builds it
 * from the editor's text, and its objects go through the apply plan (dry runs, diff, confirmation).
 */
export function registerKustomizeApply(client: LanguageClient, apply: ApplyCommand): Disposable {
  return commands.registerCommand(APPLY_KUSTOMIZATION_COMMAND, async (kustomization?: Uri | string) => {
    const source = kustomization ?? window.activeTextEditor?.document.uri;
    if (!source) return;
    const uri = typeof source === 'string' ? Uri.parse(source) : source;
    const title = `kustomization ${workspace.asRelativePath(uri.with({ path: uri.path.replace(/\/[^/]*$/, '') }))}`;
    const preview = await client.sendRequest<BuildPreview>(BUILD_PREVIEW_REQUEST, { uri: uri.toString() });
    const built = buildManifests(preview, title);
    if ('refused' in built) return void window.showErrorMessage(`Kubesight: ${built.refused}`);
    await apply.applyManifests(built.manifests, title);
  });
}
