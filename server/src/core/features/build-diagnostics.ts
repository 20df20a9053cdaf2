import type { Config } from '../config';
import type { Finding } from '../findings';
import { resourcesOfFile } from '../model/resource';
import { ALL_RULES } from '../rules';
import type { Rule } from '../rules/rule';
import type { SchemaCatalog } from '../schema/catalog';
import type { Workspace } from '../workspace/workspace';
import { catalogBuildEnv } from '../kustomize/build/catalog-env';
import { KUSTOMIZATION_NAMES, type BuildEnv, type BuildFiles } from '../kustomize/build/env';
import { isKustomizationUri } from '../kustomize/kustomization';
import { applicationRoots, isCompleteBuild, pathOfUri, RootBuilds, type RootBuild } from '../kustomize/roots';
import { folderOf } from '../kustomize/uri-path';
import { diagnoseFile } from './diagnostics';
import type { FindingsCache } from './findings-cache';
import { landingRange, originAtPath, pathAtOffset } from './build-relocate';
import { BuiltWorkspaces, type BuiltView, type VirtualBuild } from './built-workspace';

/**
 * Diagnostics per build (issue 18, part 3). Every application root (a kustomization no other
 * includes) is built; the document and workspace rules run on its objects, and each finding is
 * carried back to the source line its field came from, naming the overlay. A file a complete
 * build read (a base's manifest, a patch) is then checked through the builds only: its own
 * object findings are replaced by theirs. Files in no build, and builds that failed or left
 * parts out (remote bases, Helm charts, vars…), are checked as before.
 *
 * Several overlays that give the same finding at the same place give it once, naming each of
 * them: "(in overlays overlays/prod, overlays/staging)".
 */
export interface BuildFindings {
  /** Whether a complete build read the file (its object findings come from the builds). */
  covers(uri: string): boolean;
  /** The builds' findings that land in the file. */
  findingsFor(uri: string): readonly Finding[];
  /** The rule ids that ran on the builds (a disable comment for one of them is judged). */
  readonly ruleIds: ReadonlySet<string>;
  /** The files read by the builds that read this one (an edit to it changes their findings). */
  sharing(uri: string): string[];
}

export interface BuildCheckEnv {
  catalog: SchemaCatalog;
  /** The configuration of a root (by its kustomization's URI). */
  configFor(uri: string): Config;
  cache?: FindingsCache;
  /** The host's files beyond the workspace (generator sources, files not scanned). */
  files: BuildFiles;
}

/** Rules that do not run on builds: immutable-field compares files with their git or live baseline; duplicates are kustomize's own error in a build, and overlays repeat their bases' objects by design. */
const NOT_ON_BUILDS = new Set(['immutable-field', 'duplicate-resource']);
export const BUILD_RULES: readonly Rule[] = ALL_RULES.filter((r) => r.checkResource && !NOT_ON_BUILDS.has(r.meta.id));

/** Owned by a host: keeps the builds of the roots between snapshots and the findings of the last one. */
export class BuildDiagnostics {
  /** The builds of the roots, reused while their inputs are unchanged (tests read its counters). */
  readonly builds = new RootBuilds();
  /** The workspace the builds are checked in, updated edit by edit. */
  readonly built = new BuiltWorkspaces();
  private readonly envs = new WeakMap<SchemaCatalog, (files: BuildFiles) => BuildEnv>();
  private last: { workspace: Workspace; catalog: SchemaCatalog; view: BuildFindings } | undefined;

  view(workspace: Workspace, env: BuildCheckEnv): BuildFindings {
    if (this.last && this.last.workspace === workspace && this.last.catalog === env.catalog) return this.last.view;
    const roots = applicationRoots(workspace.tools.kustomizations);
    const view = roots.length === 0 ? NO_BUILDS : this.compute(workspace, roots, env);
    this.last = { workspace, catalog: env.catalog, view };
    return view;
  }

  /** The files read by the builds of the last view that read this one: an edit to it may change their findings. */
  sharing(uri: string): string[] {
    return this.last?.view.sharing(uri) ?? [];
  }

  private compute(workspace: Workspace, roots: ReturnType<typeof applicationRoots>, env: BuildCheckEnv): BuildFindings {
    let envOf = this.envs.get(env.catalog);
    if (!envOf) this.envs.set(env.catalog, (envOf = (files: BuildFiles) => catalogBuildEnv(env.catalog, files)));
    const uriOfPath = pathsOfWorkspace(workspace);
    // Twenty overlays of a base read its files (and the disk's generator sources) once per view, not once each.
    const builds = this.builds.buildAll(roots, readOnce(workspaceFiles(workspace, env.files, uriOfPath)), envOf).filter(isCompleteBuild);
    const readUris = new Map<RootBuild, string[]>();
    const readBy = (b: RootBuild) => {
      let uris = readUris.get(b);
      if (!uris) readUris.set(b, (uris = [...b.read.keys()].flatMap((p) => uriOfPath.get(p) ?? [])));
      return uris;
    };
    const covered = new Set(builds.flatMap(readBy).filter((uri) => !isKustomizationUri(uri)));
    // Checking the builds is the costly part: done when a file they land in is diagnosed, not for every file.
    let landed: Map<string, Map<string, Landed>> | undefined;
    const land = () => (landed ??= landAll(this.built, workspace, builds, readBy, uriOfPath, env));
    return viewOf(covered, land, builds, readBy);
  }
}

function landAll(built: BuiltWorkspaces, workspace: Workspace, builds: readonly RootBuild[], readBy: (b: RootBuild) => string[], uriOfPath: ReadonlyMap<string, string>, env: BuildCheckEnv): Map<string, Map<string, Landed>> {
  // The files the builds read stay, empty (their objects are in the builds): messages that count the workspace's files count the same.
  const view = built.update(workspace, builds, new Set(builds.flatMap(readBy)), env.catalog, (b) => env.configFor(b.root.uri));
  const landed = new Map<string, Map<string, Landed>>();
  for (const v of view.virtual) landFindings(v, view, workspace, uriOfPath, env, landed);
  return landed;
}

/** Each workspace file by its build path. */
export function pathsOfWorkspace(workspace: Workspace): Map<string, string> {
  const uriOfPath = new Map<string, string>();
  for (const uri of workspace.uris()) {
    const path = pathOfUri(uri);
    if (path !== undefined) uriOfPath.set(path, uri);
  }
  return uriOfPath;
}

const NO_BUILDS: BuildFindings = { covers: () => false, findingsFor: () => [], ruleIds: new Set(), sharing: () => [] };

/** The workspace's text first (the editor's unsaved text), the host's files otherwise. */
export function workspaceFiles(workspace: Workspace, files: BuildFiles, uriOfPath: ReadonlyMap<string, string> = pathsOfWorkspace(workspace)): BuildFiles {
  return {
    read: (path) => {
      const uri = uriOfPath.get(path);
      return uri !== undefined ? workspace.file(uri)!.parsed.text : files.read(path);
    },
    status: (path) => {
      if (uriOfPath.has(path)) return 'file';
      const status = files.status(path);
      if (status !== 'missing') return status;
      // A folder the host cannot see (unsaved files, a virtual workspace) that the workspace has files in.
      if (KUSTOMIZATION_NAMES.some((name) => uriOfPath.has(`${path}/${name}`))) return 'kustomization';
      return [...uriOfPath.keys()].some((p) => p.startsWith(`${path}/`)) ? 'directory' : 'missing';
    },
  };
}

/** The files as they were at the first read of this view. */
function readOnce(files: BuildFiles): BuildFiles {
  const texts = new Map<string, string | undefined>();
  const statuses = new Map<string, ReturnType<BuildFiles['status']>>();
  return {
    read(path) {
      if (!texts.has(path)) texts.set(path, files.read(path));
      return texts.get(path);
    },
    status(path) {
      let status = statuses.get(path);
      if (status === undefined) statuses.set(path, (status = files.status(path)));
      return status;
    },
  };
}

interface Landed {
  finding: Finding;
  /** Each build that gives it, with its message (names differ between overlays: namespaces, prefixes, hashes). */
  by: { build: RootBuild; message: string }[];
}

function landFindings(v: VirtualBuild, view: BuiltView, workspace: Workspace, uriOfPath: ReadonlyMap<string, string>, env: BuildCheckEnv, landed: Map<string, Map<string, Landed>>): void {
  const { built } = view;
  const file = built.file(v.uri);
  if (!file) return;
  const findings = diagnoseFile(file.parsed, { catalog: env.catalog, config: env.configFor(v.build.root.uri), rules: BUILD_RULES, cache: env.cache, workspace: built, uri: v.uri, tools: built.tools.contextFor(v.uri), workspaceFindings: view.kept });
  const objects = resourcesOfFile(file.parsed);
  for (const f of findings) {
    const object = objects.find((o) => o.node.range && o.node.range[0] <= f.start && f.start < o.node.range[2]);
    if (!object) continue;
    const index = lastAtOrBefore(v.starts, object.node.range![0]);
    const resource = v.build.result.resources[index];
    const { path, onKey } = pathAtOffset(object.node, f.start);
    const found = originAtPath(v.build.result.origins, resource.value, path);
    const origin = found.origin ?? resource.origin;
    const uri = uriOfPath.get(origin.file);
    const target = uri && workspace.file(uri);
    if (!uri || !target) continue;
    const [start, end] = landingRange(target.parsed, origin, !!found.origin && found.own, onKey);
    const key = `${start}|${end}|${f.ruleId}|${f.severity}`;
    let inFile = landed.get(uri);
    if (!inFile) landed.set(uri, (inFile = new Map()));
    const entry = inFile.get(key) ?? { finding: { ruleId: f.ruleId, severity: f.severity, message: f.message, start, end }, by: [] };
    inFile.set(key, entry);
    if (!entry.by.some((b) => b.build === v.build)) entry.by.push({ build: v.build, message: f.message });
  }
}

function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let i = 0;
  while (i + 1 < starts.length && starts[i + 1] <= offset) i++;
  return i;
}

function viewOf(covered: ReadonlySet<string>, land: () => ReadonlyMap<string, ReadonlyMap<string, Landed>>, builds: readonly RootBuild[], readBy: (b: RootBuild) => string[]): BuildFindings {
  let findings: Map<string, Finding[]> | undefined;
  const reads = builds.map((b) => new Set(readBy(b)));
  const touched = new Set(reads.flatMap((r) => [...r]));
  return {
    covers: (uri) => covered.has(uri),
    findingsFor(uri) {
      // Builds land findings only in files they read (kustomizations included).
      if (!touched.has(uri)) return [];
      findings ??= new Map([...land()].map(([u, inFile]) => [u, [...inFile.values()].map((l) => ({ ...l.finding, message: mergedMessage(l, u) }))]));
      return findings.get(uri) ?? [];
    },
    ruleIds: new Set(BUILD_RULES.map((r) => r.meta.id)),
    sharing: (uri) => [...new Set(reads.filter((r) => r.has(uri)).flatMap((r) => [...r]))],
  };
}

/**
 * One finding for every overlay that gives it at the same place, each overlay named by its folder
 * relative to the folder it shares with the file: "… (in overlays overlays/prod, overlays/staging)",
 * or, when the overlays' messages differ (another namespace, prefix or hash), the first one's
 * message and "(in overlay overlays/prod; likewise in overlays/staging)". A finding in the only
 * root's own folder names nothing.
 */
export function mergedMessage(landed: Landed, uri: string): string {
  const named = landed.by.map((b) => ({ ...b, name: overlayName(folderOf(b.build.root.uri), folderOf(uri)) }));
  if (named.length === 1 && named[0].name === undefined) return named[0].message;
  const all = named.map((n) => ({ ...n, name: n.name ?? lastSegment(folderOf(n.build.root.uri)) })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const [first, ...others] = all;
  if (others.every((o) => o.message === first.message)) return `${first.message} (in overlay${all.length > 1 ? 's' : ''} ${listed(all.map((n) => n.name))})`;
  return `${first.message} (in overlay ${first.name}; likewise in ${listed(others.map((n) => n.name))})`;
}

function listed(names: readonly string[]): string {
  return names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
}

function overlayName(rootFolder: string, fileFolder: string): string | undefined {
  const root = rootFolder.split('/');
  const file = fileFolder.split('/');
  let common = 0;
  while (common < root.length && common < file.length && root[common] === file[common]) common++;
  return common === root.length ? undefined : root.slice(common).join('/');
}

function lastSegment(folder: string): string {
  return folder.slice(folder.lastIndexOf('/') + 1);
}
