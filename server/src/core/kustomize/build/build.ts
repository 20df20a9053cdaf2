import { isRemotePath } from '../listed-paths';
import { BuildError, type BuildEnv, type BuildFiles, type BuildNote, type SubBuild } from './env';
import { isObj, type Obj } from './fields';
import { runGenerators } from './generators';
import { contentHash } from './hash';
import { loadKustomization, loadResources, readWithin, resolvePath, type LoadedKustomization } from './load';
import { fixNameReferences } from './name-references';
import { applyPatch, patchSpecs, type AppliedPatch } from './patches';
import { effectiveNamespace, type ResMap } from './resmap';
import { BuiltResource, OriginTable } from './resource';
import { legacyOrder } from './sort';
import { applyReplacements, replacementsOf } from './replacements';
import { addAnnotations, addLabels, addNameAffix, setImages, setNamespace, setReplicas, type ImageOverride } from './transformers';

export interface BuildResult {
  /** The built objects in kustomize's output order; empty when the build failed. */
  resources: BuiltResource[];
  /** Where each field of the objects came from. */
  origins: OriginTable;
  /** What was not built (remote resources, Helm charts, plugins, vars). */
  notes: BuildNote[];
  /** Each patch document applied, with the objects it changed. */
  patches: AppliedPatch[];
  error?: BuildError;
  /** With shared sub-builds: the ones the root's own kustomization took as resources (kustomize/rebuild.ts re-runs one changed object through the root). */
  taken?: TakenSubBuild[];
  /** The root's kustomization has components or replacements (which a re-run of one object does not do). */
  whole?: boolean;
}

/** A shared sub-build a root took, and the objects of the root's build its objects became (by index; transformers change objects in place). */
export interface TakenSubBuild {
  folder: string;
  entry: SubBuild;
  objects: readonly BuiltResource[];
}

/**
 * Fields the in-memory build does not apply, said once per kustomization that has them (a build
 * note; the kustomization rule says each too, in its own words: `NotBuiltField` keeps them in step).
 */
const NOT_BUILT = {
  helmCharts: 'Helm charts are not built by Kubesight',
  helmChartInflationGenerator: 'Helm charts are not built by Kubesight',
  generators: 'generator plugins are not built by Kubesight',
  transformers: 'transformer plugins are not applied by Kubesight',
  validators: 'validator plugins are not run by Kubesight',
  vars: 'vars are not substituted by Kubesight',
  configurations: 'transformer configurations are not read by Kubesight (built-in field lists only)',
  crds: 'crds are not read by Kubesight (name references in custom resources are not updated)',
} as const satisfies Readonly<Record<string, string>>;

export type NotBuiltField = keyof typeof NOT_BUILT;

interface Ctx {
  env: BuildEnv;
  origins: OriginTable;
  notes: BuildNote[];
  patches: AppliedPatch[];
  /** Folders being built, to refuse cycles. */
  stack: string[];
  /** Folders accumulated, while a shared entry is recorded (see accumulateSub). */
  folders?: Set<string>;
  taken?: TakenSubBuild[];
  /** Only these objects of a sub-build are accumulated (see rebuildObjects). */
  only?: { folder: string; objects: BuiltResource[] };
}

/** `kustomize build <folder>` in memory: the objects, or the error kustomize would stop at. */
export function buildKustomization(folder: string, env: BuildEnv): BuildResult {
  const ctx: Ctx = { env, origins: new OriginTable(), notes: [], patches: [], stack: [], taken: env.subBuilds ? [] : undefined };
  const resources: ResMap = { list: [], isNamespaced: env.isNamespaced };
  try {
    const k = loadKustomization(folder, env);
    accumulate(k, resources, ctx);
    for (const r of resources.list) {
      if (!r.needsHash) continue;
      const hash = contentHash(r.value);
      r.storePreviousId();
      r.setName(`${r.id.name}-${hash}`);
    }
    fixNameReferences(resources);
    return { resources: legacyOrder(resources.list), origins: ctx.origins, notes: ctx.notes, patches: ctx.patches, taken: ctx.taken, whole: wholeOnly(k) };
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    return { resources: [], origins: ctx.origins, notes: ctx.notes, patches: ctx.patches, error: e };
  }
}

/**
 * The root's transformers run again on `objects` only (copies of a shared sub-build's objects, in
 * `origins`), without its other resources and generators: what kustomize/rebuild.ts does for the
 * objects an edit changed. The objects after the transformers (before name references), or
 * undefined where the root needs the whole build (a patch or replica count whose target is not
 * among them is not an error here; replacements and components are refused before).
 */
export function rebuildObjects(folder: string, env: BuildEnv, only: { folder: string; objects: BuiltResource[] }, origins: OriginTable, applied: AppliedPatch[]): BuiltResource[] | undefined {
  const ctx: Ctx = { env, origins, notes: [], patches: applied, stack: [folder], only };
  const resources: ResMap = { list: [], isNamespaced: env.isNamespaced };
  try {
    const k = loadKustomization(folder, env);
    if (wholeOnly(k)) return undefined;
    list(k.value.resources).concat(list(k.value.bases)).forEach((entry) => {
      if (resolvePath(k, String(entry)) === only.folder) resources.list.push(...only.objects);
    });
    transform(k, resources, ctx);
    return resources.list;
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    return undefined;
  }
}

/** The shared sub-build of a folder, accumulated now when no build of this run has yet (undefined when it fails). */
export function subBuildOf(folder: string, env: BuildEnv): SubBuild | undefined {
  const existing = env.subBuilds?.get(folder);
  if (existing || !env.subBuilds) return existing;
  const ctx: Ctx = { env, origins: new OriginTable(), notes: [], patches: [], stack: [] };
  try {
    accumulateSub(folder, { list: [], isNamespaced: env.isNamespaced }, ctx);
  } catch (e) {
    if (!(e instanceof BuildError)) throw e;
    return undefined;
  }
  return env.subBuilds.get(folder);
}

function wholeOnly(k: LoadedKustomization): boolean {
  return list(k.value.components).length > 0 || k.value.replacements !== undefined;
}

function accumulate(k: LoadedKustomization, resources: ResMap, ctx: Ctx): void {
  if (ctx.stack.includes(k.folder)) throw new BuildError(`cycle detected: candidate root '${k.folder}' contains visited root '${ctx.stack[ctx.stack.length - 1]}'`);
  ctx.stack.push(k.folder);
  ctx.folders?.add(k.folder);
  for (const [field, message] of Object.entries(NOT_BUILT)) if (k.value[field] !== undefined) ctx.notes.push({ message: `${field}: ${message}`, origin: k.at([field]) });
  for (const field of ['resources', 'bases'] as const) list(k.value[field]).forEach((entry, i) => addResource(k, String(entry), [field, i], resources, ctx));
  runGenerators(k, resources, ctx.env, ctx.origins);
  list(k.value.components).forEach((entry, i) => {
    const path = String(entry);
    if (isRemotePath(path)) ctx.notes.push({ message: `"${path}" is remote: not fetched (Kubesight works offline)`, origin: k.at(['components', i]) });
    else accumulate(loadKustomization(resolvePath(k, path), ctx.env), resources, ctx);
  });
  transform(k, resources, ctx);
  ctx.stack.pop();
}

function addResource(k: LoadedKustomization, path: string, at: (string | number)[], resources: ResMap, ctx: Ctx): void {
  const where = k.at(at);
  if (isRemotePath(path)) {
    ctx.notes.push({ message: `"${path}" is remote: not fetched (Kubesight works offline); its objects are not in the build`, origin: where });
    return;
  }
  const full = resolvePath(k, path);
  const status = ctx.env.files.status(full);
  if (status === 'missing') throw new BuildError(`accumulating resources: '${path}': no such file or directory`, where);
  if (status === 'directory') throw new BuildError(`accumulating resources: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${path}'`, where);
  let added: BuiltResource[];
  if (status === 'kustomization') added = accumulateSub(full, resources, ctx);
  else added = loadResources(full, readWithin(k, path, ctx.env, where).text ?? '', ctx.origins, where, ctx.env.readManifests);
  for (const r of added) {
    const id = r.id;
    const clash = resources.list.find((o) => { const other = o.id; return other.kind === id.kind && other.group === id.group && other.version === id.version && other.name === id.name && effectiveNamespace(other, resources.isNamespaced) === effectiveNamespace(id, resources.isNamespaced); });
    if (clash) throw new BuildError(`may not add resource with an already registered id: ${id.kind}.${id.version}.${id.group}/${id.name}.${id.namespace || '[noNs]'}`, where);
    resources.list.push(r);
  }
}

/**
 * A kustomization included as a resource, taken from the run's shared entries when another build
 * already accumulated it (twenty overlays of a base accumulate it once): the build reads what the
 * entry read, so that it counts among its inputs, and gets copies of its objects and origins.
 */
function accumulateSub(folder: string, resources: ResMap, ctx: Ctx): BuiltResource[] {
  const shared = ctx.env.subBuilds;
  const entry = shared?.get(folder);
  // The root's own kustomization takes it (not a sub-build being recorded): kustomize/rebuild.ts may re-run one of its objects.
  const taking = ctx.taken && !ctx.folders ? ctx.taken : undefined;
  if (entry && !ctx.stack.some((f) => entry.folders.has(f))) {
    const files = ctx.env.entryFiles ?? ctx.env.files;
    for (const r of entry.reads) void (r.read ? files.read(r.path) : files.status(r.path));
    ctx.notes.push(...entry.notes);
    ctx.patches.push(...entry.patches);
    for (const f of entry.folders) ctx.folders?.add(f);
    const objects = entry.resources.map((r) => r.copyInto(entry.origins, ctx.origins));
    taking?.push({ folder, entry, objects });
    return objects;
  }
  const sub: ResMap = { list: [], isNamespaced: resources.isNamespaced };
  if (!shared) {
    accumulate(loadKustomization(folder, ctx.env), sub, ctx);
    return sub.list;
  }
  const reads: { path: string; read: boolean }[] = [];
  const files = ctx.env.entryFiles ?? ctx.env.files;
  const recordingFiles: BuildFiles = { read: (path: string) => (reads.push({ path, read: true }), files.read(path)), status: (path: string) => (reads.push({ path, read: false }), files.status(path)) };
  const recording = { ...ctx, env: { ...ctx.env, files: recordingFiles, entryFiles: recordingFiles }, notes: [] as BuildNote[], patches: [] as AppliedPatch[], folders: new Set<string>() };
  accumulate(loadKustomization(folder, recording.env), sub, recording);
  ctx.notes.push(...recording.notes);
  ctx.patches.push(...recording.patches);
  for (const f of recording.folders) ctx.folders?.add(f);
  const origins = new OriginTable();
  const made: SubBuild = { resources: sub.list.map((r) => r.copyInto(ctx.origins, origins)), origins, notes: recording.notes, patches: recording.patches, reads, folders: recording.folders };
  shared.set(folder, made);
  taking?.push({ folder, entry: made, objects: sub.list });
  return sub.list;
}

/** The built-in transformers in kustomize's order. */
function transform(k: LoadedKustomization, resources: ResMap, ctx: Ctx): void {
  const { env, origins } = ctx;
  const v = k.value;
  const some = !!ctx.only;
  for (const spec of patchSpecs(k, 'patchesStrategicMerge', env)) applyPatch(resources, spec, env, origins, ctx.patches, some);
  for (const spec of patchSpecs(k, 'patches', env)) applyPatch(resources, spec, env, origins, ctx.patches, some);
  if (typeof v.namespace === 'string' && v.namespace !== '') setNamespace(resources, v.namespace, { k, origins });
  if (typeof v.namePrefix === 'string' && v.namePrefix !== '') addNameAffix(resources, v.namePrefix, 'prefix', { k, origins });
  if (typeof v.nameSuffix === 'string' && v.nameSuffix !== '') addNameAffix(resources, v.nameSuffix, 'suffix', { k, origins });
  list(v.labels).forEach((label, i) => {
    if (!isObj(label) || !isObj(label.pairs)) return;
    const fields = list(label.fields).filter(isObj).map((f) => ({ ...f, path: String(f.path ?? ''), create: f.create === true, segments: undefined }));
    addLabels(resources, label.pairs, { selectors: label.includeSelectors === true, templates: label.includeTemplates === true, claimTemplates: label.includeVolumeClaimTemplates === true, fields }, k.at(['labels', i, 'pairs']), origins);
  });
  if (isObj(v.commonLabels)) addLabels(resources, v.commonLabels, { selectors: true }, k.at(['commonLabels']), origins);
  if (isObj(v.commonAnnotations)) addAnnotations(resources, v.commonAnnotations, k.at(['commonAnnotations']), origins);
  for (const spec of patchSpecs(k, 'patchesJson6902', env)) applyPatch(resources, spec, env, origins, ctx.patches, some);
  list(v.replicas).forEach((replica, i) => {
    if (isObj(replica) && typeof replica.name === 'string') setReplicas(resources, replica.name, replica.count, k.at(['replicas', i, 'count']), origins, some);
  });
  for (const field of ['images', 'imageTags'] as const) {
    list(v[field]).forEach((image, i) => {
      if (isObj(image) && typeof image.name === 'string') setImages(resources, imageOverride(image), k.at([field, i]), origins);
    });
  }
  applyReplacements(resources, replacementsOf(k, env), origins);
}

function imageOverride(o: Obj): ImageOverride {
  const text = (x: unknown) => (typeof x === 'string' && x !== '' ? x : undefined);
  return { name: String(o.name), newName: text(o.newName), newTag: text(o.newTag), digest: text(o.digest), tagSuffix: text(o.tagSuffix) };
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
