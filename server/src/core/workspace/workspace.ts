import { parseFile, type ParsedFile } from '../model/parse';
import { resourcesOfFile } from '../model/resource';
import { ResourceIndex } from './index';
import { indexObject, indexProduced, isNamespacedKind, type IndexedObject } from './indexed-object';
import type { ClusterIndexParams } from '../../shared/cluster-protocol';
import { ClusterIndex } from './cluster-index';

export interface WorkspaceFile {
  uri: string;
  version: number;
  parsed: ParsedFile;
  objects: readonly IndexedObject[];
  /** What controllers create from those objects (producers.ts). */
  produced: readonly IndexedObject[];
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
   * documents (see parseFile), so older snapshots must not read this file's nodes afterwards.
   */
  withFile(uri: string, text: string, version = 0): Workspace {
    const old = this.files.get(uri);
    if (old && old.parsed.text === text) return old.version === version ? this : this.replace(uri, { ...old, version });
    const parsed = parseFile(text, old?.parsed);
    const objects = resourcesOfFile(parsed)
      .map((r) => indexObject(uri, r, this.namespaced(r.group, r.kind)))
      .filter((o): o is IndexedObject => o !== undefined);
    return this.replace(uri, { uri, version, parsed, objects, produced: objects.flatMap(indexProduced) });
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

  get index(): ResourceIndex {
    const files = [...this.files.values()];
    this.cachedIndex ??= new ResourceIndex(files.flatMap((f) => f.objects), files.flatMap((f) => f.produced));
    return this.cachedIndex;
  }

  private replace(uri: string, file: WorkspaceFile): Workspace {
    const files = new Map(this.files);
    files.set(uri, file);
    return new Workspace(files, this.namespaced, this.complete, this.cluster);
  }
}
