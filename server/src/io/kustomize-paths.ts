import { existsSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { FileFacts } from '../core/model/templates';
import { parseFile, documentValue } from '../core/model/parse';
import { isKustomizationUri } from '../core/kustomize/kustomization';
import { namedPaths, type PathStatus } from '../core/kustomize/listed-paths';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** What is at a path on disk, as kustomize distinguishes it. */
export function pathStatus(path: string): PathStatus {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 'missing';
  }
  if (!stat.isDirectory()) return 'file';
  return KUSTOMIZATION_FILE_NAMES.some((name) => existsSync(join(path, name))) ? 'kustomization' : 'directory';
}

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
  const out: Record<string, PathStatus> = {};
  for (const named of namedPaths(value as Record<string, unknown>)) {
    if (!named.remote && !(named.path in out)) out[named.path] = pathStatus(isAbsolute(named.path) ? named.path : resolve(folder, named.path));
  }
  return out;
}
