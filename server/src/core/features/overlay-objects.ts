import { resourcesOfFile } from '../model/resource';
import { pathOfUri } from '../kustomize/roots';
import { folderOf } from '../kustomize/uri-path';
import type { Workspace } from '../workspace/workspace';
import type { OverlayObject } from '../../shared/kustomize-protocol';
import type { EditorBuilds } from './kustomize-builds';

/**
 * For the live status of a base's objects: each object of the file as the overlay that puts it in
 * `namespace` builds it (its name prefixed, its namespace set, patches applied); else as an
 * overlay that sets no namespace builds it. An object no overlay builds has none; when several
 * fit, the first overlay by folder wins. A file in no overlay's build has none.
 */
export function overlayObjects(workspace: Workspace, uri: string, namespace: string, editor: EditorBuilds): OverlayObject[] {
  const path = pathOfUri(uri);
  const file = workspace.file(uri);
  if (path === undefined || !file) return [];
  const builds = [...editor.builds].sort((a, b) => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0));
  const out: OverlayObject[] = [];
  for (const object of resourcesOfFile(file.parsed)) {
    const start = object.node.range?.[0];
    // The base's own build (a base no overlay includes) builds the file's object: not an overlay's.
    const copies = builds.filter((b) => b.folder !== folderOf(path)).flatMap((b) => b.result.resources.filter((r) => r.origin.file === path && r.origin.start === start).map((r) => ({ build: b, r })));
    // An overlay that sets the namespace wins; an object without one is applied in the active namespace.
    const chosen = copies.find((c) => c.r.id.namespace === namespace) ?? copies.find((c) => c.r.id.namespace === '');
    if (!chosen) continue;
    out.push({ source: { apiVersion: object.apiVersion, kind: object.kind, name: object.name ?? '', namespace: object.namespace ?? '' }, overlay: overlayName(chosen.build.folder, path), manifest: chosen.r.value });
  }
  return out;
}

function overlayName(folder: string, file: string): string {
  const a = folder.split('/');
  const b = folderOf(file).split('/');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(i).join('/') || folder;
}
