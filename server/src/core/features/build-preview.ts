import { encodeManifest } from '../../shared/manifest-yaml';
import type { BuildPreview } from '../../shared/kustomize-protocol';
import { buildKustomization } from '../kustomize/build/build';
import { catalogBuildEnv } from '../kustomize/build/catalog-env';
import type { BuildFiles } from '../kustomize/build/env';
import { readKustomization } from '../kustomize/kustomization';
import { pathOfUri } from '../kustomize/roots';
import { folderOf } from '../kustomize/uri-path';
import type { SchemaCatalog } from '../schema/catalog';
import type { Workspace } from '../workspace/workspace';
import { BUILD_RULES, pathsOfWorkspace, workspaceFiles } from './build-diagnostics';
import type { Config } from '../config';
import type { Finding } from '../findings';
import { parseFile } from '../model/parse';
import { diagnoseFile } from './diagnostics';

/** A kustomization's build for the preview and its code lens; undefined for other files and Components (they build only inside another). */
export function buildPreview(workspace: Workspace, uri: string, catalog: SchemaCatalog, files: BuildFiles): BuildPreview | undefined {
  return previewBuild(workspace, uri, catalog, files)?.preview;
}

function previewBuild(workspace: Workspace, uri: string, catalog: SchemaCatalog, files: BuildFiles): { preview: BuildPreview; read: ReadonlySet<string>; complete: boolean } | undefined {
  const file = workspace.file(uri);
  const kustomization = file && readKustomization(uri, file.parsed.documents);
  const folder = pathOfUri(folderOf(uri));
  if (!kustomization || kustomization.kind === 'Component' || folder === undefined) return undefined;
  const read = new Set<string>();
  const inner = workspaceFiles(workspace, files);
  const recording: BuildFiles = { read: (p) => (read.add(p), inner.read(p)), status: (p) => inner.status(p) };
  const result = buildKustomization(folder, catalogBuildEnv(catalog, recording));
  const notes = result.notes.map((n) => `# ${n.message}\n`).join('');
  if (result.error) return { preview: { text: `# kustomize build fails: ${result.error.message}\n${notes}`, objects: 0, error: result.error.message }, read, complete: false };
  const preview: BuildPreview = { text: notes + result.resources.map((r) => encodeManifest(r.value)).join('---\n'), objects: result.resources.length };
  if (result.notes.length > 0) preview.notes = result.notes.map((n) => n.message);
  return { preview, read, complete: result.notes.length === 0 };
}

/**
 * The preview with the findings of the rules that run on builds, at the preview's own text (its
 * read-only document shows them). The workspace it is checked in is the real one with the files
 * the build read emptied, as for the diagnostics per build. A build that failed or left parts out
 * (remote bases, Helm charts) gets none: what it lacks would give false findings.
 */
export function checkedBuildPreview(workspace: Workspace, uri: string, catalog: SchemaCatalog, files: BuildFiles, config: Config): { preview: BuildPreview; findings: Finding[] } | undefined {
  const built = previewBuild(workspace, uri, catalog, files);
  if (!built || !built.complete || built.preview.objects === 0) return built && { preview: built.preview, findings: [] };
  const uriOfPath = pathsOfWorkspace(workspace);
  let checked = workspace;
  for (const path of built.read) {
    const readUri = uriOfPath.get(path);
    if (readUri !== undefined) checked = checked.withFile(readUri, '');
  }
  const previewUri = `kustomize-build:${folderOf(uri)}`;
  checked = checked.withFile(previewUri, built.preview.text);
  const parsed = checked.file(previewUri)?.parsed ?? parseFile(built.preview.text);
  const findings = diagnoseFile(parsed, { catalog, config, rules: BUILD_RULES, workspace: checked, uri: previewUri, tools: checked.tools.contextFor(previewUri) });
  return { preview: built.preview, findings };
}

/** The code lens title of a kustomization: "3 objects · build preview", or why the build fails. */
export function buildLensTitle(preview: BuildPreview): string {
  if (preview.error) return 'build fails · build preview';
  return `${preview.objects} object${preview.objects === 1 ? '' : 's'} · build preview`;
}
