import { rangeOfPath } from '../model/path';
import { resourcesOfFile } from '../model/resource';
import type { Origin } from '../kustomize/build/resource';
import { pathOfUri } from '../kustomize/roots';
import type { Workspace } from '../workspace/workspace';
import { originHolds, type EditorBuilds } from './kustomize-builds';
import type { Location } from './navigation';

/**
 * Go to definition from a patch to the objects it changes, as the builds applied it: a
 * strategic-merge patch document, a JSON patch file, or a kustomization's `patches` entry (its
 * `target`, an inline patch). Each target opens at its name in the file it was read from (a
 * generated object at its generator entry). Undefined when the cursor is in no applied patch.
 */
export function patchTargetDefinition(workspace: Workspace, uri: string, offset: number, editor: EditorBuilds): Location[] | undefined {
  const path = pathOfUri(uri);
  if (path === undefined) return undefined;
  const targets: Origin[] = [];
  for (const build of editor.builds) {
    for (const applied of build.result.patches) {
      if (originHolds(applied.at, path, offset) || originHolds(applied.entry, path, offset)) targets.push(...applied.targets);
    }
  }
  if (targets.length === 0) return undefined;
  const seen = new Set<string>();
  const out: Location[] = [];
  for (const target of targets) {
    const location = objectLocation(workspace, editor, target);
    const key = location && `${location.uri}#${location.start}`;
    if (!location || seen.has(key!)) continue;
    seen.add(key!);
    out.push(location);
  }
  return out;
}

/** An object's name in the file it was read from (its whole range when it has no name there). */
function objectLocation(workspace: Workspace, editor: EditorBuilds, origin: Origin): Location | undefined {
  const uri = editor.uriOfPath.get(origin.file);
  const file = uri === undefined ? undefined : workspace.file(uri);
  if (!uri || !file) return undefined;
  const object = resourcesOfFile(file.parsed).find((r) => r.node.range && r.node.range[0] === origin.start);
  const name = object && rangeOfPath(object.node, ['metadata', 'name'], 'value');
  return name ? { uri, start: name[0], end: name[1] } : { uri, start: origin.start, end: origin.start };
}
