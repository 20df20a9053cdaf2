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
import { workspaceFiles } from './build-diagnostics';

/** A kustomization's build for the preview and its code lens; undefined for other files and Components (they build only inside another). */
export function buildPreview(workspace: Workspace, uri: string, catalog: SchemaCatalog, files: BuildFiles): BuildPreview | undefined {
  const file = workspace.file(uri);
  const kustomization = file && readKustomization(uri, file.parsed.documents);
  const folder = pathOfUri(folderOf(uri));
  if (!kustomization || kustomization.kind === 'Component' || folder === undefined) return undefined;
  const result = buildKustomization(folder, catalogBuildEnv(catalog, workspaceFiles(workspace, files)));
  const notes = result.notes.map((n) => `# ${n.message}\n`).join('');
  if (result.error) return { text: `# kustomize build fails: ${result.error.message}\n${notes}`, objects: 0, error: result.error.message };
  return { text: notes + result.resources.map((r) => encodeManifest(r.value)).join('---\n'), objects: result.resources.length };
}

/** The code lens title of a kustomization: "3 objects · build preview", or why the build fails. */
export function buildLensTitle(preview: BuildPreview): string {
  if (preview.error) return 'build fails · build preview';
  return `${preview.objects} object${preview.objects === 1 ? '' : 's'} · build preview`;
}
