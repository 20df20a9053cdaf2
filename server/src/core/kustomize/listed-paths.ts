import type { FieldPath } from '../model/path';

/**
 * Every path a kustomization names, with what kustomize expects there. The host looks each up on
 * disk (core has no file system) and hands the answers back as `FileFacts.kustomizePaths`.
 */
export type PathRole =
  /** A manifest file, or a folder holding a kustomization (`resources`, `bases`). */
  | 'resource'
  /** A folder holding a Component (`components`). */
  | 'component'
  /** A file kustomize reads (patches, generator sources, configurations, crds, replacements). */
  | 'file';

export interface NamedPath {
  /** The path as kustomize reads it (a generator's `key=path` without the key). */
  path: string;
  role: PathRole;
  /** Where the entry is written in the kustomization. */
  at: FieldPath;
  remote: boolean;
}

/** What the host found at a path. */
export type PathStatus = 'file' | 'directory' | 'kustomization' | 'missing';

/** Remote entries kustomize fetches: URLs, `git@…`, `github.com/org/repo//path?ref=…`. */
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@|git::|(github\.com|gitlab\.com|bitbucket\.org)\/)|\?(ref|version|submodules|timeout)=/i;

export function isRemotePath(path: string): boolean {
  return REMOTE.test(path);
}

export function namedPaths(kustomization: Record<string, unknown>): NamedPath[] {
  const out: NamedPath[] = [];
  const add = (path: unknown, role: PathRole, at: FieldPath) => {
    if (typeof path === 'string' && path !== '') out.push({ path, role, at, remote: isRemotePath(path) });
  };
  const strings = (field: string, role: PathRole) => each(kustomization[field], (v, i) => add(v, role, [field, i]));
  strings('resources', 'resource');
  strings('bases', 'resource');
  strings('components', 'component');
  strings('configurations', 'file');
  strings('crds', 'file');
  // An entry of patchesStrategicMerge is a file, or the patch itself inline (a newline or a key).
  each(kustomization.patchesStrategicMerge, (v, i) => {
    if (typeof v === 'string' && !/\n|:\s/.test(v)) add(v, 'file', ['patchesStrategicMerge', i]);
  });
  for (const field of ['patches', 'patchesJson6902', 'replacements']) each(kustomization[field], (v, i) => add(objectOf(v)?.path, 'file', [field, i, 'path']));
  for (const field of ['configMapGenerator', 'secretGenerator']) {
    each(kustomization[field], (g, i) => {
      const o = objectOf(g);
      if (!o) return;
      each(o.files, (f, j) => add(typeof f === 'string' ? afterKey(f) : f, 'file', [field, i, 'files', j]));
      each(o.envs, (f, j) => add(f, 'file', [field, i, 'envs', j]));
      add(o.env, 'file', [field, i, 'env']);
    });
  }
  return out;
}

/** A generator's `key=path` names the file after the first `=`. */
export function afterKey(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? entry : entry.slice(eq + 1);
}

function each(value: unknown, f: (item: unknown, i: number) => void): void {
  if (Array.isArray(value)) value.forEach(f);
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
