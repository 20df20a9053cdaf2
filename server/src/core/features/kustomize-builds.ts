import type { Node } from 'yaml';
import { rangeOfPath } from '../model/path';
import { comparableUri, folderOf } from '../kustomize/uri-path';
import type { SchemaCatalog } from '../schema/catalog';
import type { Workspace } from '../workspace/workspace';
import { catalogBuildEnv } from '../kustomize/build/catalog-env';
import type { BuildEnv, BuildFiles } from '../kustomize/build/env';
import type { Origin } from '../kustomize/build/resource';
import { applicationRoots, RootBuilds, type RootBuild } from '../kustomize/roots';
import { pathsOfWorkspace, workspaceFiles } from './build-diagnostics';

/** The builds of a workspace's application roots as the editor features read them (definition from a patch, overlay hover, completion). */
export interface EditorBuilds {
  /** The roots' builds that did not fail (a build that left parts out still says what it built). */
  readonly builds: readonly RootBuild[];
  /** A workspace URI by build path. */
  readonly uriOfPath: ReadonlyMap<string, string>;
  /** The workspace and host files the builds read. */
  readonly files: BuildFiles;
}

/**
 * Owned by a host: the editor's builds of the last snapshot, each root rebuilt only when a file it
 * read changed. Apart from the diagnostics' builds, which count complete builds only.
 */
export class EditorBuildCache {
  private readonly roots = new RootBuilds();
  private readonly envs = new WeakMap<SchemaCatalog, (files: BuildFiles) => BuildEnv>();
  private last: { workspace: Workspace; catalog: SchemaCatalog; builds: EditorBuilds } | undefined;

  of(workspace: Workspace, catalog: SchemaCatalog, files: BuildFiles): EditorBuilds {
    if (this.last && this.last.workspace === workspace && this.last.catalog === catalog) return this.last.builds;
    let envOf = this.envs.get(catalog);
    if (!envOf) this.envs.set(catalog, (envOf = (f: BuildFiles) => catalogBuildEnv(catalog, f)));
    const uriOfPath = pathsOfWorkspace(workspace);
    const buildFiles = workspaceFiles(workspace, files, uriOfPath);
    const roots = applicationRoots(workspace.tools.kustomizations);
    const builds = roots.length === 0 ? [] : this.roots.buildAll(roots, buildFiles, envOf).filter((b) => !b.result.error);
    const out = { builds, uriOfPath, files: buildFiles };
    this.last = { workspace, catalog, builds: out };
    return out;
  }
}

/**
 * Whether a file is one a kustomization lists as a resource or a patch file: only such a file
 * (or a folder's file, which this cheap test misses) can be read by a build. The editor features
 * ask it before building, so a file outside Kustomize costs nothing.
 */
export function listedByKustomization(workspace: Workspace, uri: string): boolean {
  const own = comparableUri(uri);
  const folder = comparableUri(folderOf(uri));
  return workspace.tools.kustomizations.some((k) => k.resources.some((p) => p.resolved === own || p.resolved === folder) || k.patches.some((p) => p.file?.resolved === own));
}

/** Whether an offset of a kustomization is inside one of its patch entries. */
export function inPatchEntry(workspace: Workspace, uri: string, offset: number): boolean {
  const k = workspace.tools.kustomizations.find((x) => x.uri === uri);
  if (!k) return false;
  return k.patches.some((p) => {
    const range = rangeOfPath(k.node as Node, p.at, 'value');
    return !!range && range[0] <= offset && offset <= range[1];
  });
}

/** Whether an origin's range holds an offset of a file. */
export function originHolds(origin: Origin | undefined, path: string, offset: number): boolean {
  return !!origin && origin.file === path && origin.start <= offset && offset <= origin.end;
}
