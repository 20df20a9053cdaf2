import { rebuildObjects, subBuildOf, type BuildResult, type TakenSubBuild } from './build/build';
import { BuildError, type BuildEnv, type BuildFiles, type SubBuild } from './build/env';
import { fixNameReferences } from './build/name-references';
import type { AppliedPatch } from './build/patches';
import type { BuiltResource, Origin } from './build/resource';
import type { PathStatus } from './listed-paths';
import type { RootBuild } from './roots';

/**
 * A root's build made from its previous one (issue 18 part 7): an edit to a base file that twenty
 * overlays take changes one object of each overlay's build, and each overlay's whole build (the
 * base's objects copied, every transformer, the name references) was ~2.5 ms. When the edit
 * changed only what one shared sub-build the root's own kustomization takes read, and that
 * sub-build's objects are the same except some whose identity is unchanged (same ids, earlier
 * ids, name affixes, labels and annotations; not a ConfigMap or Secret, not generated), only
 * those objects are run again through the root's transformers (build.ts rebuildObjects) and
 * their name references updated; the other objects, their origins and the patch records are
 * the previous build's. Whatever another object's fields depend on is in that identity, so they
 * are what a whole build gives. Anything else (components, replacements, a failed build, a
 * changed path status, a root reading the file itself, an object that disappears or is renamed)
 * gives undefined: the root is built whole. Tests compare with fresh builds after random edits.
 */
export interface ObjectPrint {
  /** Everything of the object: value, ids, origin and field origins. */
  all: string;
  /** What other objects' fields and the transformers' choices depend on. */
  identity: string;
  /** Not generated, not a ConfigMap or Secret (generators merge into those, hashes name them). */
  alone: boolean;
}

export function printsOf(entry: SubBuild): ObjectPrint[] {
  return entry.resources.map((r) => {
    const metadata = (r.value.metadata ?? {}) as Record<string, unknown>;
    const identity = JSON.stringify([idText(r), r.needsHash, r.behavior ?? null, metadata.labels ?? null, metadata.annotations ?? null, r.origin.file]);
    const kind = r.id.kind;
    return { all: `${identity}|${JSON.stringify(r.value)}|${JSON.stringify(r.origin)}|${entry.origins.fingerprint(r.value)}`, identity, alone: !r.needsHash && r.behavior === undefined && kind !== 'ConfigMap' && kind !== 'Secret' };
  });
}

function idText(r: BuiltResource): string {
  return JSON.stringify([r.id, r.prevIds, r.prefixes, r.suffixes]);
}

export interface Rebuilt {
  result: BuildResult;
  read: Map<string, string | undefined>;
  statuses: Map<string, PathStatus>;
}

/** `env`: the run's shared environment over `files`; `prints`: printsOf, kept per sub-build. */
export function rebuiltFrom(old: RootBuild, files: BuildFiles, env: BuildEnv, prints: (entry: SubBuild) => ObjectPrint[]): Rebuilt | undefined {
  const { result } = old;
  if (result.error || !result.taken || result.whole || !old.own) return undefined;
  for (const [path, status] of old.statuses) if (files.status(path) !== status) return undefined;
  const changed = new Set<string>();
  for (const [path, text] of old.read) if (files.read(path) !== text) changed.add(path);
  if ([...changed].some((p) => old.own!.has(p))) return undefined;
  const hit = result.taken.filter((t) => t.entry.reads.some((r) => changed.has(r.path)));
  if (hit.length !== 1) return undefined;
  const taken = hit[0];
  const entry = subBuildOf(taken.folder, env);
  if (!entry || entry.folders.has(old.folder) || entry.resources.length !== taken.entry.resources.length) return undefined;
  const indices = changedObjects(prints(taken.entry), prints(entry));
  if (!indices || JSON.stringify(entry.notes) !== JSON.stringify(taken.entry.notes)) return undefined;
  const moved = new Map<Origin, Origin>(indices.map((i) => [taken.entry.resources[i].origin, entry.resources[i].origin]));
  if (entry.patches.length !== taken.entry.patches.length || entry.patches.some((p, n) => JSON.stringify(p) !== JSON.stringify(movedPatch(taken.entry.patches[n], moved)))) return undefined;
  const next = rebuiltResult(old, taken, entry, indices, moved, env);
  if (!next) return undefined;
  const read = new Map(old.read);
  const statuses = new Map(old.statuses);
  for (const path of changed) read.set(path, files.read(path));
  for (const r of entry.reads) {
    if (r.read) read.set(r.path, files.read(r.path));
    else statuses.set(r.path, files.status(r.path));
  }
  return { result: next, read, statuses };
}

/** The indices of the objects that changed, or undefined when one changed more than its content. */
function changedObjects(before: readonly ObjectPrint[], after: readonly ObjectPrint[]): number[] | undefined {
  const indices: number[] = [];
  for (let i = 0; i < before.length; i++) {
    if (before[i].all === after[i].all) continue;
    if (before[i].identity !== after[i].identity || !before[i].alone || !after[i].alone) return undefined;
    indices.push(i);
  }
  return indices;
}

function movedPatch(p: AppliedPatch, moved: ReadonlyMap<Origin, Origin>): AppliedPatch {
  return { ...p, targets: p.targets.map((t) => moved.get(t) ?? t) };
}

function rebuiltResult(old: RootBuild, taken: TakenSubBuild, entry: SubBuild, indices: readonly number[], moved: ReadonlyMap<Origin, Origin>, env: BuildEnv): BuildResult | undefined {
  const { result } = old;
  const origins = result.origins.extended();
  const copies = indices.map((i) => entry.resources[i].copyInto(entry.origins, origins));
  const applied: AppliedPatch[] = [];
  const objects = rebuildObjects(old.folder, env, { folder: taken.folder, objects: copies }, origins, applied);
  if (!objects || objects.length !== copies.length || copies.some((c) => !objects.includes(c))) return undefined;
  // The root's own patches that changed these objects are the ones that changed them before.
  const movedTargets = new Set(moved.keys());
  const own = result.patches.filter((p) => !taken.entry.patches.includes(p) && p.targets.some((t) => movedTargets.has(t)));
  const again = applied.filter((p) => p.targets.length > 0);
  if (JSON.stringify(own.map((p) => [p.entry, p.at])) !== JSON.stringify(again.map((p) => [p.entry, p.at]))) return undefined;
  const resources = [...result.resources];
  const objectsOfTaken = [...taken.objects];
  for (const [n, i] of indices.entries()) {
    const at = resources.indexOf(taken.objects[i]);
    if (at < 0 || idText(taken.objects[i]) !== idText(copies[n])) return undefined;
    resources[at] = copies[n];
    objectsOfTaken[i] = copies[n];
  }
  try {
    fixNameReferences({ list: resources, isNamespaced: env.isNamespaced }, new Set(copies));
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    return undefined;
  }
  const entryPatches = new Map(taken.entry.patches.map((p, n) => [p, entry.patches[n]]));
  return {
    resources,
    origins,
    notes: result.notes,
    patches: result.patches.map((p) => entryPatches.get(p) ?? movedPatch(p, moved)),
    taken: result.taken!.map((t) => (t === taken ? { folder: t.folder, entry, objects: objectsOfTaken } : t)),
    whole: false,
  };
}
