import { parseFile, type MadeDocuments, type ParsedFile } from '../model/parse';
import type { FileFacts } from '../model/templates';
import { resourcesOfFile, type Resource } from '../model/resource';
import { ResourceIndex } from './index';
import { indexObject, indexProduced, isNamespacedKind, type IndexedObject } from './indexed-object';
import type { ClusterIndexParams } from '../../shared/cluster-protocol';
import { ClusterIndex } from './cluster-index';
import { BuildTools, fileToolsOf, type FileTools } from './build-tools';

export interface WorkspaceFile {
  uri: string;
  version: number;
  parsed: ParsedFile;
  objects: readonly IndexedObject[];
  /** What controllers create from those objects (producers.ts). */
  produced: readonly IndexedObject[];
  /** What the file tells about build tools (a kustomization, skaffold images); undefined for most files. */
  tools?: FileTools;
}

/** The objects that differ between two snapshots (Workspace.changedSince), by their role in the index. */
export interface IndexChange {
  own: IndexedObject[];
  produced: IndexedObject[];
  patches: IndexedObject[];
}

/** Tells whether a kind is namespaced (from the schema catalog); undefined when unknown. */
export type NamespacedLookup = (group: string, kind: string) => boolean | undefined;

/**
 * An immutable snapshot of every manifest the host knows: open documents (unsaved text wins) and
 * files on disk. `withFile` returns a new snapshot; the index is built lazily once per snapshot.
 * `complete` says the snapshot holds a whole folder (CLI run, scanned workspace): only then can a
 * missing target be reported as missing rather than "not found in the open files". `cluster` is
 * the index of the connected cluster's active namespace (set by `withCluster`), if any.
 */
export class Workspace {
  private cachedIndex: ResourceIndex | undefined;
  private cachedTools: BuildTools | undefined;

  private constructor(
    private readonly files: ReadonlyMap<string, WorkspaceFile>,
    private readonly namespaced: NamespacedLookup,
    readonly complete: boolean,
    readonly cluster?: ClusterIndex,
  ) {}

  static empty(namespaced: NamespacedLookup = () => undefined, complete = false): Workspace {
    return new Workspace(new Map(), namespaced, complete);
  }

  /** The snapshot with the connected cluster's index (`null`: disconnected, no index). */
  withCluster(params: ClusterIndexParams | null): Workspace {
    if (!params && !this.cluster) return this;
    const cluster = params ? ClusterIndex.from(params, (group, kind) => isNamespacedKind(group, kind, this.namespaced(group, kind))) : undefined;
    return new Workspace(this.files, this.namespaced, this.complete, cluster);
  }

  /**
   * The snapshot with this file's new text. The previous parse of the file is reused for unchanged
   * documents (see parseFile): an older snapshot reads them right through its documents, but a node
   * it holds on to moves with them.
   * `facts`: what the host knows of the file beyond its text (a Helm chart's template); `made`:
   * documents the caller made without a parse (the built workspace's objects, see parseFile).
   */
  withFile(uri: string, text: string, version = 0, facts: FileFacts = {}, made?: MadeDocuments): Workspace {
    const old = this.files.get(uri);
    const sameFacts = !!old && !!old.parsed.facts.chartTemplate === !!facts.chartTemplate && samePaths(old.parsed.facts, facts);
    if (old && sameFacts && old.parsed.text === text) return old.version === version ? this : this.replace(uri, { ...old, version });
    const parsed = parseFile(text, old?.parsed, facts, made);
    const { objects, produced } = indexFile(uri, resourcesOfFile(parsed), old, this.namespaced);
    return this.replace(uri, { uri, version, parsed, objects, produced, tools: fileToolsOf(uri, parsed) });
  }

  withoutFile(uri: string): Workspace {
    if (!this.files.has(uri)) return this;
    const files = new Map(this.files);
    files.delete(uri);
    return new Workspace(files, this.namespaced, this.complete, this.cluster);
  }

  withComplete(complete: boolean): Workspace {
    return complete === this.complete ? this : new Workspace(this.files, this.namespaced, complete, this.cluster);
  }

  file(uri: string): WorkspaceFile | undefined {
    return this.files.get(uri);
  }

  uris(): string[] {
    return [...this.files.keys()];
  }

  /**
   * Every object the workspace defines: those of its files, without patches (a Kustomize patch
   * changes an object of a base, it is not one more object), plus what kustomize generates.
   */
  get index(): ResourceIndex {
    if (!this.cachedIndex) {
      const tools = this.tools;
      const files = [...this.files.values()];
      const isPatch = (f: WorkspaceFile, o: IndexedObject) => o.patch || tools.patchOf(f.uri) !== undefined;
      const own = files.flatMap((f) => f.objects.filter((o) => !isPatch(f, o)));
      const patches = files.flatMap((f) => f.objects.filter((o) => isPatch(f, o)));
      // A patch is no object of its own, so it produces nothing either.
      const produced = files.flatMap((f) => f.produced.filter((p) => !isPatch(f, p)));
      this.cachedIndex = new ResourceIndex([...own, ...tools.generatedObjects()], patches, produced);
    }
    return this.cachedIndex;
  }

  /**
   * The index objects that differ between `older` and this snapshot, old and new versions, each in
   * the role the index gives it (index.ts). An object of a reused document (the same value, at the
   * same place in its file) is the same; undefined when a file that tells build tools something
   * (a kustomization, a skaffold config) differs: what is a patch or generated may then differ in
   * any file.
   */
  changedSince(older: Workspace): IndexChange | undefined {
    const change: IndexChange = { own: [], produced: [], patches: [] };
    if (older === this) return change;
    for (const [uri, after] of this.files) if (!this.addChange(change, older.files.get(uri), after)) return undefined;
    for (const [uri, before] of older.files) if (!this.files.has(uri) && !this.addChange(change, before, undefined)) return undefined;
    return change;
  }

  /** Adds what differs between two versions of one file; false when either tells build tools something. */
  private addChange(change: IndexChange, before: WorkspaceFile | undefined, after: WorkspaceFile | undefined): boolean {
    if (before === after || (before && after && before.parsed === after.parsed)) return true;
    if (before?.tools || after?.tools) return false;
    const kept = new Map<object, number>();
    for (const o of before?.objects ?? []) kept.set(o.resource.value, o.resource.document.index);
    // Values in both versions, at the same place: what was derived from them (produced objects too) is the same.
    const same = new Set<object>();
    for (const o of after?.objects ?? []) if (kept.get(o.resource.value) === o.resource.document.index) same.add(o.resource.value);
    const patchFile = this.tools.patchOf((after ?? before)!.uri) !== undefined;
    for (const file of [before, after]) {
      if (!file) continue;
      for (const o of file.objects) if (!same.has(o.resource.value)) (o.patch || patchFile ? change.patches : change.own).push(o);
      // A patch is no object of its own, so it produces nothing either (the index leaves these out).
      for (const p of file.produced) if (!same.has(p.resource.value) && !p.patch && !patchFile) change.produced.push(p);
    }
    return true;
  }

  /** The kustomizations and skaffold configs of the snapshot. */
  get tools(): BuildTools {
    this.cachedTools ??= new BuildTools(this.files.values());
    return this.cachedTools;
  }

  private replace(uri: string, file: WorkspaceFile): Workspace {
    const files = new Map(this.files);
    files.set(uri, file);
    return new Workspace(files, this.namespaced, this.complete, this.cluster);
  }
}

/**
 * The file's objects and what controllers make from them. An object of a reused document (its
 * value is the previous parse's, by identity) keeps what was derived from that value; only its
 * Resource, which says where the document is now, is new: an edit indexes the documents it changed.
 */
function indexFile(uri: string, resources: Resource[], old: WorkspaceFile | undefined, namespaced: NamespacedLookup): { objects: IndexedObject[]; produced: IndexedObject[] } {
  const before = new Map<object, IndexedObject>((old?.objects ?? []).map((o) => [o.resource.value, o]));
  const producedBefore = new Map<object, IndexedObject[]>();
  for (const p of old?.produced ?? []) {
    const list = producedBefore.get(p.resource.value);
    if (list) list.push(p);
    else producedBefore.set(p.resource.value, [p]);
  }
  const objects: IndexedObject[] = [];
  const produced: IndexedObject[] = [];
  for (const resource of resources) {
    const previous = before.get(resource.value);
    // A document that did not move keeps its Resource (parse.ts, resource.ts), and so its entries.
    const object = previous ? (previous.resource === resource ? previous : { ...previous, resource }) : indexObject(uri, resource, namespaced(resource.group, resource.kind));
    if (!object) continue;
    objects.push(object);
    produced.push(...(previous ? (producedBefore.get(resource.value) ?? []).map((p) => (p.resource === resource ? p : { ...p, resource })) : indexProduced(object)));
  }
  return { objects, produced };
}

/** Whether the host found the same things at a kustomization's paths and in its build (a file created or deleted beside it changes its findings). */
function samePaths(a: FileFacts, b: FileFacts): boolean {
  return JSON.stringify([a.kustomizePaths, a.kustomizeBuild]) === JSON.stringify([b.kustomizePaths, b.kustomizeBuild]);
}
