import { rangeOfPath } from '../model/path';
import { resourcesAt, resourcesOfFile, type Resource } from '../model/resource';
import type { IndexedObject } from '../workspace/indexed-object';
import { namespaceOf } from '../workspace/lookup';
import { isClusterScopedReference, referencesOf, type Reference } from '../workspace/references';
import type { Workspace } from '../workspace/workspace';
import { labelLocations } from './label-rename';

export interface Location {
  uri: string;
  start: number;
  end: number;
}

interface Target {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The object under the cursor: the target of a reference, or the object whose name is under it. */
function targetAt(workspace: Workspace, uri: string, offset: number): Target | undefined {
  const file = workspace.file(uri);
  if (!file) return undefined;
  for (const resource of resourcesAt(file.parsed, offset)) {
    for (const ref of referencesOf(resource)) {
      const range = rangeOfPath(resource.node, ref.path, 'value');
      if (range && offset >= range[0] && offset <= range[1]) return { group: ref.group, kind: ref.kind, namespace: refNamespace(ref, resource), name: ref.name };
    }
    const own = rangeOfPath(resource.node, ['metadata', 'name'], 'value');
    if (own && resource.name && offset >= own[0] && offset <= own[1]) {
      const indexed = file.objects.find((o) => o.resource.document === resource.document && o.name === resource.name && o.group === resource.group && o.kind === resource.kind);
      return { group: resource.group, kind: resource.kind, namespace: indexed?.namespace ?? namespaceOf(resource), name: resource.name };
    }
  }
  return undefined;
}

function refNamespace(ref: Reference, resource: Resource): string {
  if (isClusterScopedReference(ref)) return '';
  return ref.namespace ?? namespaceOf(resource);
}

function nameLocation(o: IndexedObject): Location | undefined {
  const range = rangeOfPath(o.resource.node, ['metadata', 'name'], 'value');
  return range ? { uri: o.uri, start: range[0], end: range[1] } : undefined;
}

function declarations(workspace: Workspace, t: Target): IndexedObject[] {
  return [...workspace.index.find(t.group, t.kind, t.namespace, t.name)];
}

/** Go to definition: from a reference to the object it names (every copy, e.g. overlays). */
export function definitionAt(workspace: Workspace, uri: string, offset: number): Location[] {
  const t = targetAt(workspace, uri, offset);
  return t ? declarations(workspace, t).map(nameLocation).filter((l): l is Location => !!l) : [];
}

/** Every place in the workspace that names the object under the cursor. */
export function referencesAt(workspace: Workspace, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const t = targetAt(workspace, uri, offset);
  if (!t) return [];
  const uses: Location[] = [];
  for (const u of workspace.uris()) {
    const file = workspace.file(u)!;
    for (const resource of resourcesOfFile(file.parsed)) {
      for (const ref of referencesOf(resource)) {
        if (ref.group !== t.group || ref.kind !== t.kind || ref.name !== t.name || refNamespace(ref, resource) !== t.namespace) continue;
        const range = rangeOfPath(resource.node, ref.path, 'value');
        if (range) uses.push({ uri: u, start: range[0], end: range[1] });
      }
    }
  }
  const decl = includeDeclaration ? declarations(workspace, t).map(nameLocation).filter((l): l is Location => !!l) : [];
  return [...decl, ...uses];
}

/** Rename an object: its `metadata.name` and every reference to it, across files. */
export function renameAt(workspace: Workspace, uri: string, offset: number, newName: string): Map<string, { start: number; end: number; newText: string }[]> | undefined {
  const named = referencesAt(workspace, uri, offset, true);
  const locations = named.length > 0 ? named : (labelLocations(workspace, uri, offset) ?? []);
  if (locations.length === 0) return undefined;
  const edits = new Map<string, { start: number; end: number; newText: string }[]>();
  for (const l of locations) {
    const list = edits.get(l.uri) ?? [];
    if (!list.some((e) => e.start === l.start)) list.push({ start: l.start, end: l.end, newText: newName });
    edits.set(l.uri, list);
  }
  return edits;
}

/** The range of the name under the cursor, for `prepareRename`. */
export function renameRangeAt(workspace: Workspace, uri: string, offset: number): { start: number; end: number } | undefined {
  const named = referencesAt(workspace, uri, offset, true);
  const candidates = named.length > 0 ? named : (labelLocations(workspace, uri, offset) ?? []);
  const own = candidates.find((l) => l.uri === uri && offset >= l.start && offset <= l.end);
  return own ? { start: own.start, end: own.end } : undefined;
}
