import { isMap, isSeq, type Node } from 'yaml';
import { readManifestDocuments, type ManifestDocument } from './kyaml';
import { documentValue, parseFile } from '../../model/parse';
import { rangeOfPath, type FieldPath } from '../../model/path';
import { isKubernetesObject, isObjectList } from '../../../shared/manifest-yaml';
import { folderOf, resolveRelative } from '../uri-path';
import { BuildError, KUSTOMIZATION_NAMES, type BuildEnv } from './env';
import { isObj, type Obj } from './fields';
import { BuiltResource, type Origin, type OriginTable } from './resource';

/** A kustomization read for the build: its value, and where each of its fields is written. */
export interface LoadedKustomization {
  /** Absolute path of the kustomization file. */
  file: string;
  folder: string;
  value: Obj;
  /** Where a field path of the kustomization is written (for notes, errors and origins). */
  at(path: FieldPath): Origin | undefined;
}

/** The kustomization of a folder (kustomization.yaml, .yml or Kustomization), or an error in kustomize's words. */
export function loadKustomization(folder: string, env: BuildEnv): LoadedKustomization {
  const found = KUSTOMIZATION_NAMES.map((name) => `${folder}/${name}`).filter((p) => env.files.status(p) === 'file');
  if (found.length === 0) throw new BuildError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${folder}'`);
  if (found.length > 1) throw new BuildError(`Found multiple kustomization files under: ${folder}`);
  const file = found[0];
  const text = env.files.read(file) ?? '';
  const parsed = env.parseKustomization ? env.parseKustomization(text) : parseFile(text);
  const document = parsed.documents[0];
  if (document && document.errors.length > 0) throw new BuildError(`invalid Kustomization: ${document.errors[0].message}`, { file, start: 0, end: 0 });
  const raw = document ? documentValue(document) : {};
  const value = isObj(raw) ? raw : {};
  const invalid = env.checkKustomization?.(value);
  if (invalid) throw new BuildError(`invalid Kustomization: ${invalid}`, { file, start: 0, end: 0 });
  const root = (document?.doc.contents ?? null) as Node | null;
  return { file, folder, value, at: (path) => { const r = rangeOfPath(root, path, 'value'); return r ? { file, start: r[0], end: r[1] } : undefined; } };
}

/**
 * A file a kustomization reads (a resource file, a patch, a generator source), which kustomize's
 * default load restrictions keep inside the kustomization's folder; undefined when it does not exist.
 */
export function readWithin(k: { folder: string }, path: string, env: BuildEnv, where: Origin | undefined): { path: string; text: string | undefined } {
  const full = resolvePath(k, path);
  if (!full.startsWith(`${k.folder}/`)) throw new BuildError(`security; file '${full}' is not in or below '${k.folder}'`, where);
  return { path: full, text: env.files.read(full) };
}

/** A path of a kustomization resolved against its folder (absolute paths as they are). */
export function resolvePath(k: { folder: string }, path: string): string {
  return path.startsWith('/') ? path : (resolveRelative(k.folder, path) ?? path);
}

/** The objects of a manifest file, each with its fields located in the file (Lists unpacked). */
export function loadResources(file: string, text: string, origins: OriginTable, where?: Origin, read: (text: string) => readonly ManifestDocument[] = readManifestDocuments): BuiltResource[] {
  const out: BuiltResource[] = [];
  for (const document of read(text)) {
    if (document.errors.length > 0) throw new BuildError(`accumulating resources from '${file}': ${document.errors[0].message}`, where);
    const value = document.value;
    if (value === null || value === undefined) continue;
    if (!isKubernetesObject(value)) throw new BuildError(`accumulating resources from '${file}': missing Resource metadata`, where);
    const node = document.node;
    const origin = { file, start: node?.range?.[0] ?? 0, end: node?.range?.[1] ?? 0 };
    if (isObjectList(value)) {
      const items = isMap(node) ? (node.get('items', true) as Node | undefined) : undefined;
      value.items.forEach((item, i) => { if (isObj(item)) out.push(new BuiltResource(origins.cloneFrom(item, isSeq(items) ? (items.items[i] as Node) : undefined, file) as Obj, origin)); });
    } else out.push(new BuiltResource(origins.cloneFrom(value, node, file) as Obj, origin));
  }
  return out;
}

export function folderOfFile(file: string): string {
  return folderOf(file);
}
