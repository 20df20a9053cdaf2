import { encodeManifest } from '../../shared/manifest-yaml';
import { documentValue } from '../model/parse';
import type { FieldPath } from '../model/path';
import { buildKustomization } from '../kustomize/build/build';
import { catalogBuildEnv } from '../kustomize/build/catalog-env';
import type { BuildFiles } from '../kustomize/build/env';
import { isObj } from '../kustomize/build/fields';
import { isKustomizationUri, readKustomization } from '../kustomize/kustomization';
import { pathOfUri } from '../kustomize/roots';
import { comparableUri, folderOf } from '../kustomize/uri-path';
import type { SchemaCatalog } from '../schema/catalog';
import type { Workspace } from '../workspace/workspace';
import type { CompletionEntry } from './completion';
import { cursorAt, type Cursor } from './cursor';

/** What a path entry of a kustomization may name. */
type PathSlot = 'resource' | 'component' | 'patch' | 'source';

/**
 * Completion in a kustomization: the paths of `resources`, `components`, patch files and generator
 * `files`/`envs` (relative paths of the workspace's files and kustomization folders; core reads no
 * disk), and a patch entry's `target.kind`/`target.name` from the objects the kustomization's
 * patches see. Undefined outside those places (schema completion answers there).
 */
export function kustomizeCompletion(workspace: Workspace, uri: string, offset: number, catalog: SchemaCatalog, files: BuildFiles): CompletionEntry[] | undefined {
  if (!isKustomizationUri(uri)) return undefined;
  const file = workspace.file(uri);
  if (!file) return undefined;
  const cursor = cursorAt(file.parsed, offset);
  const slot = pathSlot(cursor);
  if (slot) return pathEntries(workspace, uri, slot, cursor, offset);
  const field = targetField(cursor);
  if (field) return targetEntries(workspace, uri, field, cursor, offset, catalog, files);
  return undefined;
}

function pathSlot(cursor: Cursor): PathSlot | undefined {
  const p = cursor.path;
  const at = (i: number) => p[i];
  if (cursor.position === 'key' && p.length === 2 && typeof at(1) === 'number') {
    if (at(0) === 'resources' || at(0) === 'bases') return 'resource';
    if (at(0) === 'components') return 'component';
    if (at(0) === 'patchesStrategicMerge') return 'patch';
  }
  if (cursor.position === 'value' && p.length === 3 && (at(0) === 'patches' || at(0) === 'patchesJson6902') && at(2) === 'path') return 'patch';
  if (cursor.position === 'key' && p.length === 4 && (at(0) === 'configMapGenerator' || at(0) === 'secretGenerator') && (at(2) === 'files' || at(2) === 'envs')) return 'source';
  return undefined;
}

function targetField(cursor: Cursor): 'kind' | 'name' | undefined {
  const p = cursor.path;
  if (cursor.position !== 'value' || p.length !== 4 || (p[0] !== 'patches' && p[0] !== 'patchesJson6902') || p[2] !== 'target') return undefined;
  return p[3] === 'kind' || p[3] === 'name' ? p[3] : undefined;
}

function pathEntries(workspace: Workspace, uri: string, slot: PathSlot, cursor: Cursor, offset: number): CompletionEntry[] {
  const folder = comparableUri(folderOf(uri));
  const kustomizations = workspace.tools.kustomizations;
  const listed = listedPaths(workspace, uri, slot);
  const candidates: { path: string; detail: string }[] = [];
  if (slot === 'resource' || slot === 'component') {
    const wanted = slot === 'component' ? 'Component' : 'Kustomization';
    for (const k of kustomizations) {
      const target = comparableUri(folderOf(k.uri));
      if (target !== folder && (k.kind === 'Component') === (wanted === 'Component')) candidates.push({ path: relativePath(folder, target), detail: `${wanted === 'Component' ? 'component' : 'kustomization'} folder` });
    }
  }
  if (slot !== 'component') {
    for (const u of workspace.uris()) {
      const target = comparableUri(u);
      if (isKustomizationUri(u) || !target.startsWith(`${folder}/`)) continue;
      candidates.push({ path: target.slice(folder.length + 1), detail: slot === 'source' ? 'file' : slot === 'patch' ? 'patch file' : 'manifest file' });
    }
  }
  const fresh = candidates.filter((c) => !listed.has(c.path));
  fresh.sort((a, b) => depth(a.path) - depth(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return fresh.map((c, i) => entryOf(cursor, offset, c.path, c.detail, i));
}

/**
 * The paths not proposed again for a slot: a resource is listed once and is no patch; a patch
 * file may serve several entries (other targets) but is no resource; generator sources may be anything.
 */
function listedPaths(workspace: Workspace, uri: string, slot: PathSlot): Set<string> {
  const k = readKustomization(uri, workspace.file(uri)?.parsed.documents ?? []);
  if (!k || slot === 'source') return new Set();
  const patchFiles = k.patches.flatMap((p) => (p.file ? [p.file.path] : []));
  const resources = k.resources.map((p) => p.path);
  const listed = slot === 'resource' ? [...resources, ...patchFiles] : slot === 'component' ? k.components.map((p) => p.path) : resources;
  return new Set(listed.map((p) => p.replace(/^\.\//, '').replace(/\/$/, '')));
}

/** `to` relative to `from` (both comparable URIs or paths): `deploy.yaml`, `../base`. */
export function relativePath(from: string, to: string): string {
  const a = from.split('/');
  const b = to.split('/');
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  const ups = a.slice(common).map(() => '..');
  return [...ups, ...b.slice(common)].join('/') || '.';
}

function depth(path: string): number {
  return path.split('/').length + (path.match(/\.\.\//g)?.length ?? 0) * 10;
}

function targetEntries(workspace: Workspace, uri: string, field: 'kind' | 'name', cursor: Cursor, offset: number, catalog: SchemaCatalog, files: BuildFiles): CompletionEntry[] {
  const objects = objectsBeforePatches(workspace, uri, catalog, files);
  const written = writtenTarget(workspace, uri, cursor.path);
  const fits = objects.filter((o) => field === 'kind' || !written.kind || o.kind === written.kind);
  const counts = new Map<string, { label: string; detail: string; count: number }>();
  for (const o of fits) {
    const label = field === 'kind' ? o.kind : o.name;
    const detail = field === 'kind' ? o.apiVersion : o.kind;
    const seen = counts.get(`${label}\0${detail}`);
    if (seen) seen.count++;
    else counts.set(`${label}\0${detail}`, { label, detail, count: 1 });
  }
  return [...counts.values()].map(({ label, detail, count }, i) => entryOf(cursor, offset, label, count > 1 ? `${detail} · ${count} objects` : detail, i));
}

/** Fields kept to build what a kustomization's patches see: its resources, components and generators. */
const BEFORE_PATCHES = ['apiVersion', 'kind', 'resources', 'bases', 'components', 'configMapGenerator', 'secretGenerator', 'generatorOptions'];

/** The objects of the kustomization's build at the point its patches apply (before its own namespace, prefix, labels and hash suffixes). */
function objectsBeforePatches(workspace: Workspace, uri: string, catalog: SchemaCatalog, files: BuildFiles): { apiVersion: string; kind: string; name: string }[] {
  const own = pathOfUri(uri);
  const document = workspace.file(uri)?.parsed.documents[0];
  const value = document ? documentValue(document) : undefined;
  if (own === undefined || !isObj(value)) return [];
  const kept = Object.fromEntries(Object.entries(value).filter(([k]) => BEFORE_PATCHES.includes(k)).map(([k, v]) => [k, k.endsWith('Generator') ? typedSources(v) : v]));
  const text = encodeManifest(kept);
  const stripped: BuildFiles = { read: (p) => (p === own ? text : files.read(p)), status: (p) => (p === own ? 'file' : files.status(p)) };
  const result = buildKustomization(folderOf(own), catalogBuildEnv(catalog, stripped));
  // Hash suffixes come at the end of the whole build: a patch names a generated object without one.
  return result.resources.map((r) => ({ apiVersion: String(r.value.apiVersion ?? ''), kind: r.id.kind, name: r.needsHash ? (r.prevIds[r.prevIds.length - 1]?.name ?? r.id.name) : r.id.name }));
}

/** Generator entries without the sources still being typed (an empty `- ` item would fail the build). */
function typedSources(generators: unknown): unknown {
  if (!Array.isArray(generators)) return generators;
  return generators.filter(isObj).map((g) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, Array.isArray(v) ? v.filter((x) => typeof x === 'string' && x !== '') : v])));
}

function writtenTarget(workspace: Workspace, uri: string, path: FieldPath): Record<string, unknown> {
  const document = workspace.file(uri)?.parsed.documents[0];
  let value: unknown = document ? documentValue(document) : undefined;
  for (const key of path.slice(0, 3)) value = isObj(value) || Array.isArray(value) ? (value as Record<string | number, unknown>)[key] : undefined;
  return isObj(value) ? value : {};
}

function entryOf(cursor: Cursor, offset: number, label: string, detail: string, i: number): CompletionEntry {
  return { label, kind: 'value', detail, insertText: label, snippet: false, sortText: String(i).padStart(4, '0'), start: cursor.wordStart, end: offset };
}
