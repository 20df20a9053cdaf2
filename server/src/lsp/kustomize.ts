import type { CodeLens, Connection } from 'vscode-languageserver';
import { buildLensTitle, buildPreview, checkedBuildPreview } from '../core/features/build-preview';
import type { Config } from '../core/config';
import { LineIndex } from '../core/model/line-index';
import { toDiagnostic } from './convert';
import type { SchemaCatalog } from '../core/schema/catalog';
import type { Workspace } from '../core/workspace/workspace';
import { EditorBuildCache, inPatchEntry, listedByKustomization } from '../core/features/kustomize-builds';
import { isKustomizationUri } from '../core/kustomize/kustomization';
import { patchTargetDefinition } from '../core/features/patch-targets';
import type { Location } from '../core/features/navigation';
import type { CompletionEntry } from '../core/features/completion';
import { kustomizeCompletion } from '../core/features/kustomize-completion';
import { workspaceFiles } from '../core/features/build-diagnostics';
import type { HoverResult } from '../core/features/hover';
import { overlayHoverMarkdown, overlayValues } from '../core/features/overlay-hover';
import { overlayObjects } from '../core/features/overlay-objects';
import { diskBuildFiles } from '../io/kustomize-files';
import { BUILD_PREVIEW_COMMAND, BUILD_PREVIEW_REQUEST, type BuildPreview, type PreviewDiagnostic, OVERLAY_OBJECTS_REQUEST, type OverlayObject } from '../shared/kustomize-protocol';

type Safe = <T>(name: string, fallback: T, run: () => T) => T;

/** What the other handlers ask of the Kustomize builds. */
export interface KustomizeEditor {
  /** Definition from a patch to the objects it changes. */
  patchTargets(workspace: Workspace, uri: string, offset: number): Location[] | undefined;
  /** Paths and patch targets in a kustomization. */
  completion(workspace: Workspace, uri: string, offset: number): CompletionEntry[] | undefined;
  /** A hover with, on a base field, its value in each overlay that changes it. */
  withOverlayValues(workspace: Workspace, uri: string, offset: number, hover: HoverResult | undefined): HoverResult | undefined;
}

/** A kustomization's code lens ("N objects · build preview") and the preview request it opens; the builds the editor features read. */
export function registerKustomize(connection: Connection, workspace: () => Workspace, catalogFor: (uri: string) => SchemaCatalog, configFor: (uri: string) => Config, safe: Safe): KustomizeEditor {
  const cache = new EditorBuildCache();
  const editorBuilds = (ws: Workspace, uri: string) => cache.of(ws, catalogFor(uri), diskBuildFiles);
  connection.onCodeLens((params) =>
    safe('code lens', [] as CodeLens[], () => {
      const uri = params.textDocument.uri;
      const preview = buildPreview(workspace(), uri, catalogFor(uri), diskBuildFiles);
      if (!preview) return [];
      const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      return [{ range: top, command: { title: buildLensTitle(preview), command: BUILD_PREVIEW_COMMAND, arguments: [uri] } }];
    }),
  );
  connection.onRequest(BUILD_PREVIEW_REQUEST, (params: unknown): BuildPreview =>
    safe('build preview', { text: '# not a kustomization Kubesight builds\n', objects: 0 }, () => {
      const uri = params && typeof params === 'object' && typeof (params as { uri?: unknown }).uri === 'string' ? (params as { uri: string }).uri : '';
      const checked = checkedBuildPreview(workspace(), uri, catalogFor(uri), diskBuildFiles, configFor(uri));
      if (!checked) return { text: '# not a kustomization Kubesight builds (a Component builds only inside another)\n', objects: 0 };
      const lines = new LineIndex(checked.preview.text);
      return { ...checked.preview, diagnostics: checked.findings.map((f) => toDiagnostic(lines, f) as PreviewDiagnostic) };
    }),
  );
  connection.onRequest(OVERLAY_OBJECTS_REQUEST, (params: unknown): OverlayObject[] =>
    safe('overlay objects', [] as OverlayObject[], () => {
      const p = (params ?? {}) as { uri?: unknown; namespace?: unknown };
      if (typeof p.uri !== 'string' || typeof p.namespace !== 'string') return [];
      const ws = workspace();
      return listedByKustomization(ws, p.uri) ? overlayObjects(ws, p.uri, p.namespace, editorBuilds(ws, p.uri)) : [];
    }),
  );
  return {
    patchTargets(ws, uri, offset) {
      // Build only where a patch can be: a kustomization's patch entry, or a file one lists.
      const mayBePatch = isKustomizationUri(uri) ? inPatchEntry(ws, uri, offset) : listedByKustomization(ws, uri);
      return mayBePatch ? patchTargetDefinition(ws, uri, offset, editorBuilds(ws, uri)) : undefined;
    },
    withOverlayValues(ws, uri, offset, hover) {
      // Only a file some root's build read can have overlay values: skip the builds for the others.
      if (isKustomizationUri(uri) || !listedByKustomization(ws, uri)) return hover;
      const section = overlayHoverMarkdown(overlayValues(ws, uri, offset, editorBuilds(ws, uri)));
      if (!section) return hover;
      return hover ? { ...hover, contents: `${hover.contents}\n\n---\n\n${section}` } : { contents: section, start: offset, end: offset };
    },
    completion: (ws, uri, offset) => kustomizeCompletion(ws, uri, offset, catalogFor(uri), workspaceFiles(ws, diskBuildFiles)),
  };
}
