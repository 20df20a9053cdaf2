import type { Kustomization } from './kustomization';
import { comparableUri, folderOf } from './uri-path';
import { buildKustomization, type BuildResult } from './build/build';
import type { BuildEnv, BuildFiles, SubBuild } from './build/env';
import { printsOf, rebuiltFrom, type ObjectPrint } from './rebuild';
import type { PathStatus } from './listed-paths';
import { readManifestDocuments, type ManifestDocument } from './build/kyaml';
import { parseFile, type ParsedFile } from '../model/parse';

/**
 * The application roots among a workspace's kustomizations: those no other kustomization includes
 * (as a `resources`/`bases` folder or a component). A Component builds only inside another, so it
 * is never a root.
 */
export function applicationRoots(kustomizations: readonly Kustomization[]): Kustomization[] {
  const included = new Set<string>();
  for (const k of kustomizations) for (const p of [...k.resources, ...k.components]) if (p.resolved) included.add(p.resolved);
  return kustomizations.filter((k) => k.kind !== 'Component' && !included.has(comparableUri(folderOf(k.uri))));
}

/** A file path of the build for a workspace URI (`file:///a/b` → `/a/b`); plain paths stay as they are. */
export function pathOfUri(uri: string): string | undefined {
  const decoded = comparableUri(uri);
  if (decoded.startsWith('file://')) return decoded.slice('file://'.length).replace(/^\/([A-Za-z]:)/, '$1');
  return /^[a-z][a-z0-9+.-]*:/i.test(decoded) ? undefined : decoded;
}

/** One root's build, and every file it read with the text it read (what decides whether it is still current). */
export interface RootBuild {
  root: Kustomization;
  /** The root's folder as a build path. */
  folder: string;
  result: BuildResult;
  read: ReadonlyMap<string, string | undefined>;
  statuses: ReadonlyMap<string, PathStatus>;
  /** The paths the root's own kustomizations read or looked at, not through a shared sub-build (rebuild.ts). */
  own?: ReadonlySet<string>;
}

/** Whether a build neither failed nor left parts out: only then do its objects stand for what is applied. */
export function isCompleteBuild(build: RootBuild): boolean {
  return !build.result.error && build.result.notes.length === 0;
}

/**
 * Builds each root, reusing an earlier build of the same root while every file it read still has
 * the text it had and every path it looked at is still what it was (an edit to one overlay
 * rebuilds that overlay only). Owned by a host, one per server or CLI run.
 */
export class RootBuilds {
  private readonly previous = new Map<string, RootBuild>();
  private envOf: ((files: BuildFiles) => BuildEnv) | undefined;
  // Overlays of one base read its files once, not once per overlay, and an edit parses only the
  // files it changed: parses are kept by text from one run of builds to the next.
  private readonly manifests = new ByText<readonly ManifestDocument[]>();
  private readonly kustomizations = new ByText<ParsedFile>();
  private mergeKeys = new Map<string, string | undefined>();
  private checked = new WeakMap<object, string | undefined>();
  private readonly prints = new WeakMap<SubBuild, ObjectPrint[]>();
  /** How many roots were built (not reused) since this object was made (tests read it). */
  built = 0;
  /** How many of those were made from their previous build (rebuild.ts). */
  rebuilt = 0;

  /** `envOf` gives the build its knowledge of kinds (the target version's catalog); another one drops every earlier build. */
  buildAll(roots: readonly Kustomization[], files: BuildFiles, envOf: (files: BuildFiles) => BuildEnv): RootBuild[] {
    if (envOf !== this.envOf) {
      this.previous.clear();
      this.mergeKeys = new Map();
      this.checked = new WeakMap();
    }
    this.envOf = envOf;
    this.manifests.nextRun();
    this.kustomizations.nextRun();
    const out: RootBuild[] = [];
    const seen = new Set<string>();
    // A base that several overlays include is accumulated once per run.
    const subBuilds = new Map<string, SubBuild>();
    const shared = (files: BuildFiles): BuildEnv => ({ ...this.sharedEnv(envOf(files)), subBuilds });
    for (const root of roots) {
      const folder = pathOfUri(folderOf(root.uri));
      if (folder === undefined) continue;
      seen.add(folder);
      const old = this.previous.get(folder);
      const build = old && isCurrent(old, files) ? { ...old, root } : ((old && this.rebuild(old, root, files, shared(files))) ?? this.build(root, folder, files, shared));
      this.previous.set(folder, build);
      out.push(build);
    }
    for (const folder of [...this.previous.keys()]) if (!seen.has(folder)) this.previous.delete(folder);
    return out;
  }

  /** The build's environment with the parses, merge keys and kustomization checks shared between builds (the build never changes them). */
  private sharedEnv(env: BuildEnv): BuildEnv {
    const { mergeKeys, checked } = this;
    return {
      ...env,
      readManifests: (text) => this.manifests.get(text, readManifestDocuments),
      parseKustomization: (text) => this.kustomizations.get(text, (t) => parseFile(t)),
      mergeKey(group, version, kind, path) {
        const key = `${group}/${version}/${kind}/${path.join('/')}`;
        if (!mergeKeys.has(key)) mergeKeys.set(key, env.mergeKey(group, version, kind, path));
        return mergeKeys.get(key);
      },
      checkKustomization: env.checkKustomization && ((value) => {
        if (!checked.has(value)) checked.set(value, env.checkKustomization!(value));
        return checked.get(value);
      }),
    };
  }

  private rebuild(old: RootBuild, root: Kustomization, files: BuildFiles, env: BuildEnv): RootBuild | undefined {
    const prints = (entry: SubBuild) => {
      let found = this.prints.get(entry);
      if (!found) this.prints.set(entry, (found = printsOf(entry)));
      return found;
    };
    const rebuilt = rebuiltFrom(old, files, env, prints);
    if (!rebuilt) return undefined;
    this.built++;
    this.rebuilt++;
    return { root, folder: old.folder, ...rebuilt, own: old.own };
  }

  private build(root: Kustomization, folder: string, files: BuildFiles, envOf: (files: BuildFiles) => BuildEnv): RootBuild {
    const read = new Map<string, string | undefined>();
    const statuses = new Map<string, PathStatus>();
    const own = new Set<string>();
    // What a shared sub-build reads is recorded as an input, not as the root's own read.
    const entryFiles: BuildFiles = {
      read(path) {
        const text = files.read(path);
        read.set(path, text);
        return text;
      },
      status(path) {
        const status = files.status(path);
        statuses.set(path, status);
        return status;
      },
    };
    const recording: BuildFiles = {
      read: (path) => (own.add(path), entryFiles.read(path)),
      status: (path) => (own.add(path), entryFiles.status(path)),
    };
    this.built++;
    return { root, folder, result: buildKustomization(folder, { ...envOf(recording), entryFiles }), read, statuses, own };
  }
}

function isCurrent(build: RootBuild, files: BuildFiles): boolean {
  for (const [path, text] of build.read) if (files.read(path) !== text) return false;
  for (const [path, status] of build.statuses) if (files.status(path) !== status) return false;
  return true;
}

/** Values made from texts, kept for the next run: what a run did not use is dropped after it. */
class ByText<V> {
  private current = new Map<string, V>();
  private last = new Map<string, V>();

  nextRun(): void {
    this.last = this.current;
    this.current = new Map();
  }

  get(text: string, make: (text: string) => V): V {
    let value = this.current.get(text);
    if (value === undefined) {
      value = this.last.get(text) ?? make(text);
      this.current.set(text, value);
    }
    return value;
  }
}
