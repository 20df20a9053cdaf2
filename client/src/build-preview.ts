// The Kustomize build preview: the code lens of a kustomization runs the command, which opens the
// server's in-memory build as a read-only YAML document (scheme kubesight-build), with the rules'
// findings on the built objects shown on it.
import { commands, Diagnostic, DiagnosticSeverity, languages, Range, Uri, window, workspace, type Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BUILD_PREVIEW_COMMAND, BUILD_PREVIEW_REQUEST, BUILD_PREVIEW_SCHEME, type BuildPreview, type PreviewDiagnostic } from '../../server/src/shared/kustomize-protocol';

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
