import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PathStatus } from '../core/kustomize/listed-paths';
import { KUSTOMIZATION_NAMES, type BuildFiles } from '../core/kustomize/build/env';

/** What is at a path on disk, as kustomize distinguishes it. */
export function pathStatus(path: string): PathStatus {
  let stat;
  try {
    // Without an exception for a missing path: every build looks for the two kustomization names a folder does not use.
    stat = statSync(path, { throwIfNoEntry: false });
  } catch {
    return 'missing';
  }
  if (!stat) return 'missing';
  if (!stat.isDirectory()) return 'file';
  return KUSTOMIZATION_NAMES.some((name) => existsSync(join(path, name))) ? 'kustomization' : 'directory';
}

/** The build's view of the disk: files read as UTF-8 (a BOM dropped), what is at a path. */
export const diskBuildFiles: BuildFiles = {
  read(path) {
    try {
      return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      return undefined;
    }
  },
  status: pathStatus,
};
