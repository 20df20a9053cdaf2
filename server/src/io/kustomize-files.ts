import { readFileSync } from 'node:fs';
import type { BuildFiles } from '../core/kustomize/build/env';
import { pathStatus } from './kustomize-paths';

/** The build's view of the disk: files read as UTF-8 (a BOM dropped), what is at a path. */
export const diskBuildFiles: BuildFiles = {
  read(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
  status: pathStatus,
};
