import { isMap, type Node } from 'yaml';
import { documentValue } from '../model/parse';
import { rangeOfPath } from '../model/path';
import { isKustomizationUri } from '../kustomize/kustomization';
import { namedPaths } from '../kustomize/listed-paths';
import { comparableUri, folderOf, resolveRelative } from '../kustomize/uri-path';
import { KUSTOMIZATION_NAMES } from '../kustomize/build/env';
import type { Workspace } from '../workspace/workspace';
import type { Location } from './navigation';

/**
 * Go to definition on a path a kustomization names (`resources`, `components`, patch files,
 * generator sources…): the file, or the kustomization of the folder. Undefined when the cursor is
 * on no such path (other definitions may answer); a remote entry has none.
 */
export function kustomizePathDefinition(workspace: Workspace, uri: string, offset: number): Location[] | undefined {
  if (!isKustomizationUri(uri)) return undefined;
  const file = workspace.file(uri);
  const document = file?.parsed.documents.find((d) => d.errors.length === 0 && isMap(d.doc.contents));
  if (!file || !document) return undefined;
  const value = documentValue(document) as Record<string, unknown>;
  const root = document.doc.contents as Node;
  for (const named of namedPaths(value)) {
    const range = rangeOfPath(root, named.at, 'value');
    if (!range || offset < range[0] || offset > range[1]) continue;
    const target = named.remote ? undefined : resolveRelative(folderOf(uri), named.path);
    if (target === undefined) return [];
    const status = file.parsed.facts.kustomizePaths?.[named.path];
    if (status === 'missing') return [];
    const known = new Map(workspace.uris().map((u) => [comparableUri(u), u]));
    const folderKustomization = KUSTOMIZATION_NAMES.map((name) => known.get(comparableUri(`${target}/${name}`))).find((u) => u !== undefined);
    if (folderKustomization) return [{ uri: folderKustomization, start: 0, end: 0 }];
    if (status === 'kustomization') return [{ uri: `${target}/kustomization.yaml`, start: 0, end: 0 }];
    if (status === 'directory') return [];
    return [{ uri: known.get(comparableUri(target)) ?? target, start: 0, end: 0 }];
  }
  return undefined;
}
