import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { SchemaCatalog } from '../core/schema/catalog';
import { buildKustomization } from '../core/kustomize/build/build';
import { catalogBuildEnv } from '../core/kustomize/build/catalog-env';
import { diskBuildFiles, pathStatus } from './kustomize-files';
import type { FileFacts } from '../core/model/templates';
import { parseFile, documentValue } from '../core/model/parse';
import { isKustomizationUri } from '../core/kustomize/kustomization';
import { namedPaths, type PathStatus } from '../core/kustomize/listed-paths';

/**
 * For a kustomization file on disk: what is at each local path it names (the kustomization rule
 * reports the missing ones). Undefined for other files.
 */
export function kustomizePathsOf(filePath: string, text: string): FileFacts['kustomizePaths'] {
  if (!isKustomizationUri(basename(filePath))) return undefined;
  const document = parseFile(text).documents.find((d) => d.errors.length === 0);
  const value = document && documentValue(document);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const folder = dirname(filePath);
  // A kustomization whose folder is not on disk (a virtual or not yet saved file): its paths cannot be judged.
  const folderStatus = pathStatus(folder);
  if (folderStatus === 'missing' || folderStatus === 'file') return undefined;
  const out: Record<string, PathStatus> = {};
  for (const named of namedPaths(value as Record<string, unknown>)) {
    if (!named.remote && !(named.path in out)) out[named.path] = pathStatus(isAbsolute(named.path) ? named.path : resolve(folder, named.path));
  }
  return out;
}

/**
 * For a kustomization file on disk (not a Component, which builds only inside another): why its
 * build fails, when it does. Only a complete build counts: one with parts Kubesight does not build
 * (remote resources, Helm charts, plugins, replacements…) or with a path that does not exist (the
 * kustomization rule reports that already) says nothing.
 */
export function kustomizeBuildOf(filePath: string, text: string, catalog: SchemaCatalog, paths: FileFacts['kustomizePaths']): FileFacts['kustomizeBuild'] {
  if (!paths || Object.values(paths).includes('missing') || Object.values(paths).includes('directory')) return undefined;
  const value = parseFile(text).documents.find((d) => d.errors.length === 0);
  const kustomization = value && documentValue(value);
  if (!kustomization || typeof kustomization !== 'object' || (kustomization as Record<string, unknown>).kind === 'Component') return undefined;
  const self = resolve(filePath);
  // The build reads this file's text as the editor holds it, the others from disk.
  const files = { read: (p: string) => (resolve(p) === self ? text : diskBuildFiles.read(p)), status: pathStatus };
  const result = buildKustomization(dirname(self).split(sep).join('/'), catalogBuildEnv(catalog, files));
  if (!result.error || result.notes.length > 0) return undefined;
  const origin = result.error.origin;
  if (origin && resolve(origin.file) === self && origin.end > origin.start) return { message: result.error.message, range: [origin.start, origin.end] };
  if (!origin) return { message: result.error.message };
  const other = diskBuildFiles.read(origin.file) ?? '';
  const line = other.slice(0, origin.start).split('\n').length;
  return { message: result.error.message, elsewhere: `${relative(dirname(self), origin.file).split(sep).join('/')}:${line}` };
}

/** What the host tells about a kustomization file: its paths, and its build when they all exist. */
export function kustomizeFactsOf(filePath: string, text: string, catalog: SchemaCatalog): Pick<FileFacts, 'kustomizePaths' | 'kustomizeBuild'> {
  const kustomizePaths = kustomizePathsOf(filePath, text);
  return kustomizePaths ? { kustomizePaths, kustomizeBuild: kustomizeBuildOf(filePath, text, catalog, kustomizePaths) } : {};
}
