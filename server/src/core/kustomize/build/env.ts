import type { PathStatus } from '../listed-paths';
import type { BuiltResource, Origin, OriginTable } from './resource';
import type { ManifestDocument } from './kyaml';
import type { ParsedFile } from '../../model/parse';
import type { AppliedPatch } from './patches';

/** The file system the build reads, given by the host (core has none). Paths are absolute, `/`-separated. */
export interface BuildFiles {
  /** A file's text; undefined when it does not exist or is not a file. */
  read(path: string): string | undefined;
  status(path: string): PathStatus;
}

/** What the build needs to know beyond the files. */
export interface BuildEnv {
  files: BuildFiles;
  /** Whether a kind is namespaced; false: cluster-scoped; undefined: unknown (namespaced, as kustomize takes it). */
  isNamespaced(group: string, kind: string): boolean | undefined;
  /** The strategic-merge key of the list at a field path of a kind; undefined: the list is replaced. */
  mergeKey(group: string, version: string, kind: string, path: readonly (string | number)[]): string | undefined;
  /** Reads a resource file's documents; a host building several roots may share the results between builds (the build never changes them). */
  readManifests?(text: string): readonly ManifestDocument[];
  /**
   * The kustomizations a run of builds has already accumulated as resources of another (a base
   * of several overlays): by folder, kept by the host for one run (the files do not change
   * within it). An entry's objects are copied into each build, never changed.
   */
  subBuilds?: Map<string, SubBuild>;
  /** The files to read a shared sub-build through (recording it, or replaying its reads): a host that keeps builds tells a root's own reads from its sub-builds' (default `files`). */
  entryFiles?: BuildFiles;
  /** Parses a kustomization file; a host may share the results between builds in the same way (the build only reads them). */
  parseKustomization?(text: string): ParsedFile;
  /** Why kustomize would refuse a kustomization's fields (it decodes them strictly); undefined when fine. */
  checkKustomization?(value: Record<string, unknown>): string | undefined;
}

/** A kustomization accumulated once for the builds that include it. */
export interface SubBuild {
  resources: readonly BuiltResource[];
  origins: OriginTable;
  notes: readonly BuildNote[];
  /** The patches its kustomizations applied (each build that takes the entry lists them too). */
  patches: readonly AppliedPatch[];
  /** The files it read and the paths it looked at, in order (a build that takes the entry reads them too: they decide whether it is current). */
  reads: readonly { path: string; read: boolean }[];
  /** The folders accumulated (a build whose folders being built include one takes no entry: kustomize refuses the cycle). */
  folders: ReadonlySet<string>;
}

/** Something the build did not do, said where it is written (remote resources, Helm charts, plugins). */
export interface BuildNote {
  message: string;
  origin?: Origin;
}

/** A failed build, in kustomize's words where it has some, located at the entry that caused it. */
export class BuildError extends Error {
  constructor(
    message: string,
    readonly origin?: Origin,
  ) {
    super(message);
  }
}

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;
