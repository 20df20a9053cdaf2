import { isMap, type Node, type YAMLMap } from 'yaml';
import type { ParsedDocument } from '../model/parse';
import { documentValue } from '../model/parse';
import { locate, type FieldPath } from '../model/path';
import { afterKey, isRemotePath } from './listed-paths';
import { baseNameOf, comparableUri, folderOf, resolveRelative } from './uri-path';

/**
 * What a kustomization file says, read without building it (issue 18 builds on this): the files it
 * lists, its generators and its image overrides. Paths are resolved against the kustomization's
 * folder into comparable URIs (see uri-path.ts); entries that are remote or absolute stay raw only.
 */
export interface Kustomization {
  uri: string;
  document: ParsedDocument;
  /** The kustomization's top-level map node (generator entries are located below it). */
  node: YAMLMap;
  /** `Kustomization` or `Component` (kind written in the file, else `Kustomization`). */
  kind: string;
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  resources: ListedPath[];
  /** `components` entries (folders holding a Component). */
  components: ListedPath[];
  patches: PatchEntry[];
  images: ImageOverride[];
  configMapGenerator: GeneratorEntry[];
  secretGenerator: GeneratorEntry[];
}

export interface ListedPath {
  /** As written. */
  path: string;
  /** Resolved against the kustomization's folder (comparable form); undefined when remote/absolute. */
  resolved?: string;
  /** Where the entry is in the kustomization. */
  at: FieldPath;
}

/** A patch in any of kustomize's three spellings. */
export interface PatchEntry {
  field: 'patches' | 'patchesStrategicMerge' | 'patchesJson6902';
  /** The patch file, when it is a file (not an inline `patch:` string). */
  file?: ListedPath;
  /** Inline patch text (`patches[].patch`, or an inline `patchesStrategicMerge` entry). */
  inline?: string;
  target?: Record<string, unknown>;
  at: FieldPath;
}

/** An `images:` entry: the containers whose image is `name` get the new name, tag or digest. */
export interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  at: FieldPath;
}

export interface GeneratorEntry {
  name: string;
  namespace?: string;
  behavior?: string;
  /** Keys the generated object will hold; undefined when some are unknown here (`envs` files are not read). */
  keys?: string[];
  literals: string[];
  files: ListedPath[];
  envs: ListedPath[];
  at: FieldPath;
}

const FILE_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/** Whether kustomize reads this file as a folder's kustomization. */
export function isKustomizationUri(uri: string): boolean {
  return FILE_NAMES.has(baseNameOf(uri));
}

/** The kustomization a file holds, from its first document; undefined for other files. */
export function readKustomization(uri: string, documents: readonly ParsedDocument[]): Kustomization | undefined {
  if (!isKustomizationUri(uri)) return undefined;
  const document = documents.find((d) => d.errors.length === 0 && isMap(d.doc.contents));
  if (!document) return undefined;
  const value = documentValue(document);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const folder = folderOf(uri);
  const listed = (raw: unknown, at: FieldPath): ListedPath | undefined => (typeof raw === 'string' ? { path: raw, resolved: resolved(folder, raw), at } : undefined);
  const generatorFile = (raw: unknown, at: FieldPath): ListedPath | undefined => (typeof raw === 'string' ? { path: raw, resolved: resolved(folder, afterKey(raw)), at } : undefined);
  return {
    uri,
    document,
    node: document.doc.contents as YAMLMap,
    kind: typeof v.kind === 'string' ? v.kind : 'Kustomization',
    namespace: text(v.namespace),
    namePrefix: text(v.namePrefix),
    nameSuffix: text(v.nameSuffix),
    resources: [...list(v.resources, 'resources'), ...list(v.bases, 'bases')].flatMap(([raw, at]) => listed(raw, at) ?? []),
    components: list(v.components, 'components').flatMap(([raw, at]) => listed(raw, at) ?? []),
    patches: patchesOf(v, listed),
    images: list(v.images, 'images').flatMap(([raw, at]) => imageOf(raw, at) ?? []),
    configMapGenerator: list(v.configMapGenerator, 'configMapGenerator').flatMap(([raw, at]) => generatorOf(raw, at, generatorFile) ?? []),
    secretGenerator: list(v.secretGenerator, 'secretGenerator').flatMap(([raw, at]) => generatorOf(raw, at, generatorFile) ?? []),
  };
}

/** The map node of an entry (generator, patch) of the kustomization, for locations. */
export function entryNode(k: Kustomization, at: FieldPath): YAMLMap | undefined {
  const node = locate(k.node as Node, at).node;
  return isMap(node) ? (node as YAMLMap) : undefined;
}

type Listed = (raw: unknown, at: FieldPath) => ListedPath | undefined;

function patchesOf(v: Record<string, unknown>, listed: Listed): PatchEntry[] {
  const patches = list(v.patches, 'patches').map(([raw, at]): PatchEntry => {
    const o = object(raw) ?? {};
    return { field: 'patches', file: listed(o.path, [...at, 'path']), inline: text(o.patch), target: object(o.target), at };
  });
  // An entry of patchesStrategicMerge is a file path, or the patch itself inline (it has a newline or a key).
  const strategic = list(v.patchesStrategicMerge, 'patchesStrategicMerge').map(([raw, at]): PatchEntry => {
    const inline = typeof raw === 'string' && /\n|:\s/.test(raw);
    return { field: 'patchesStrategicMerge', file: inline ? undefined : listed(raw, at), inline: inline ? (raw as string) : undefined, at };
  });
  const json6902 = list(v.patchesJson6902, 'patchesJson6902').map(([raw, at]): PatchEntry => {
    const o = object(raw) ?? {};
    return { field: 'patchesJson6902', file: listed(o.path, [...at, 'path']), inline: text(o.patch), target: object(o.target), at };
  });
  return [...patches, ...strategic, ...json6902];
}

function imageOf(raw: unknown, at: FieldPath): ImageOverride | undefined {
  const o = object(raw);
  const name = text(o?.name);
  if (!o || !name) return undefined;
  return { name, newName: text(o.newName), newTag: scalarText(o.newTag), digest: text(o.digest), at };
}

function generatorOf(raw: unknown, at: FieldPath, listed: Listed): GeneratorEntry | undefined {
  const o = object(raw);
  const name = text(o?.name);
  if (!o || !name) return undefined;
  const literals = list(o.literals, 'literals').flatMap(([l]) => (typeof l === 'string' ? [l] : []));
  const files = list(o.files, 'files').flatMap(([f, i]) => listed(f, [...at, ...i]) ?? []);
  // `env` is the single-file form kustomize still reads.
  const envs = [...list(o.envs, 'envs'), ...(typeof o.env === 'string' ? [[o.env, ['env']] as const] : [])].flatMap(([f, i]) => listed(f, [...at, ...i]) ?? []);
  const keys = envs.length > 0 ? undefined : [...literals.map(literalKey), ...files.map((f) => fileKey(f.path))];
  return { name, namespace: text(o.namespace), behavior: text(o.behavior), keys, literals, files, envs, at };
}

/** `KEY=value` → KEY (kustomize splits at the first `=`). */
function literalKey(literal: string): string {
  const eq = literal.indexOf('=');
  return eq < 0 ? literal : literal.slice(0, eq);
}

/** `key=path` → key; `path` → the file's base name. */
function fileKey(entry: string): string {
  const eq = entry.indexOf('=');
  return eq < 0 ? baseNameOf(entry) : entry.slice(0, eq);
}

function resolved(folder: string, path: string): string | undefined {
  if (isRemotePath(path)) return undefined;
  const uri = resolveRelative(folder, path);
  return uri === undefined ? undefined : comparableUri(uri);
}

function list(value: unknown, field: string): [unknown, FieldPath][] {
  return Array.isArray(value) ? value.map((item, i) => [item, [field, i]]) : [];
}

function object(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A tag written as a number (`newTag: 1.27`) is still a tag. */
function scalarText(value: unknown): string | undefined {
  return typeof value === 'number' ? String(value) : text(value);
}
