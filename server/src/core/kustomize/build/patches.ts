import { readManifestDocuments } from './kyaml';
import { BuildError, type BuildEnv } from './env';
import { deepClone, isObj, type Obj } from './fields';
import { applyJsonPatch, type JsonPatchOp } from './json-patch';
import { readWithin, resolvePath, type LoadedKustomization } from './load';
import { idEquals, select, type ResMap, type Selector } from './resmap';
import type { BuiltResource, Origin, OriginTable } from './resource';
import { strategicMerge } from './smp';

/** One patch to apply: its text (from a file or inline), its target, where it is written. */
export interface PatchSpec {
  text: string;
  /** The file the text is in (inline patches: the kustomization). */
  file: string;
  target?: Selector;
  allowNameChange?: boolean;
  allowKindChange?: boolean;
  origin?: Origin;
  /** patchesJson6902: always a JSON patch. */
  json?: boolean;
  /** Written in the kustomization itself (`patch:` or an inline patchesStrategicMerge entry). */
  inline?: boolean;
}

/** One patch document and the objects it was applied to (for go to definition from a patch to its targets). */
export interface AppliedPatch {
  /** The kustomization entry that names the patch. */
  entry?: Origin;
  /** Where the patch document is written: its range in the patch file, or the entry for an inline patch. */
  at: Origin;
  /** Where each object it changed was read (or generated). */
  targets: Origin[];
}

/** The patch entries of one field (`patches`, `patchesStrategicMerge`, `patchesJson6902`), read. */
export function patchSpecs(k: LoadedKustomization, field: 'patches' | 'patchesStrategicMerge' | 'patchesJson6902', env: BuildEnv): PatchSpec[] {
  const entries = Array.isArray(k.value[field]) ? (k.value[field] as unknown[]) : [];
  return entries.map((raw, i): PatchSpec => {
    const origin = k.at([field, i]);
    if (field === 'patchesStrategicMerge') {
      const text = String(raw);
      // An entry is a file path, or the patch itself inline (a newline or a key).
      if (/\n|:\s/.test(text)) return { text, file: k.file, origin, inline: true };
      return { text: readPatch(k, text, env, origin), file: resolvePath(k, text), origin };
    }
    const o = isObj(raw) ? raw : {};
    const options = isObj(o.options) ? o.options : {};
    const fromFile = typeof o.path === 'string' && o.path !== '';
    const text = fromFile ? readPatch(k, o.path as string, env, k.at([field, i, 'path'])) : typeof o.patch === 'string' ? o.patch : '';
    if (!fromFile && text === '') throw new BuildError('must specify one of patch and path', origin);
    return {
      text, file: fromFile ? resolvePath(k, o.path as string) : k.file, target: isObj(o.target) ? (o.target as Selector) : undefined,
      allowNameChange: options.allowNameChange === true, allowKindChange: options.allowKindChange === true, origin, json: field === 'patchesJson6902', inline: !fromFile,
    };
  });
}

function readPatch(k: LoadedKustomization, path: string, env: BuildEnv, origin: Origin | undefined): string {
  const { text } = readWithin(k, path, env, origin);
  if (text === undefined) throw new BuildError(`failed to get the patch file from path(${path}): no such file or directory`, origin);
  return text;
}

/** Applies one patch entry to the objects; `applied` (when given) receives each patch document with the objects it changed. */
/** `someObjects`: the objects are part of a build only (build.ts rebuildObjects): a patch document that names none of them is skipped, not an error. */
export function applyPatch(resources: ResMap, spec: PatchSpec, env: BuildEnv, origins: OriginTable, applied?: AppliedPatch[], someObjects = false): void {
  const parsed = (env.readManifests ?? readManifestDocuments)(spec.text);
  const broken = parsed.find((d) => d.errors.length > 0);
  if (broken) throw new BuildError(`invalid patch: ${broken.errors[0].message}`, spec.origin);
  const documents = parsed.filter((d) => d.value !== null && d.value !== undefined);
  const first = documents[0]?.value;
  const record = (range: readonly number[] | null | undefined, targets: readonly BuiltResource[]) => {
    const at = spec.inline || !range ? spec.origin : { file: spec.file, start: range[0], end: range[1] };
    if (applied && at) applied.push({ entry: spec.origin, at, targets: targets.map((t) => t.origin) });
  };
  if (spec.json || Array.isArray(first)) {
    if (spec.target) record([0, spec.text.length], select(resources, spec.target));
    // The documents may be shared with other builds: the operations' values are copied before they join an object.
    return applyJson(resources, spec, deepClone(first));
  }
  const patches = documents.filter((d) => isObj(d.value)).map((d) => ({ value: origins.cloneFrom(d.value, d.node, spec.file) as Obj, node: d.node }));
  if (spec.target) {
    if (patches.length > 1) throw new BuildError('Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field', spec.origin);
    const selected = select(resources, spec.target);
    if (patches[0]) record(patches[0].node?.range, selected);
    for (const r of selected) mergeInto(resources, r, origins.clone(patches[0].value), spec, env, origins);
    return;
  }
  for (const patch of patches) {
    const target = patchTarget(resources, patch.value, spec, someObjects);
    if (!target) continue;
    record(patch.node?.range, [target]);
    mergeInto(resources, target, patch.value, spec, env, origins);
  }
}

function applyJson(resources: ResMap, spec: PatchSpec, ops: unknown): void {
  if (!spec.target) throw new BuildError('must specify a target for JSON patch', spec.origin);
  if (!Array.isArray(ops)) throw new BuildError('a JSON patch must be a list of operations', spec.origin);
  for (const r of select(resources, spec.target)) {
    r.storePreviousId();
    try {
      r.value = applyJsonPatch(r.value, ops as JsonPatchOp[]) as Obj;
    } catch (e) {
      throw new BuildError((e as Error).message, spec.origin);
    }
  }
}

/** The object a strategic-merge patch without target names by its own apiVersion, kind, name and namespace. */
function patchTarget(resources: ResMap, patch: Obj, spec: PatchSpec, someObjects: boolean): BuiltResource | undefined {
  const metadata = isObj(patch.metadata) ? patch.metadata : {};
  const apiVersion = typeof patch.apiVersion === 'string' ? patch.apiVersion : '';
  const slash = apiVersion.lastIndexOf('/');
  const id = {
    group: slash < 0 ? '' : apiVersion.slice(0, slash), version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1), kind: String(patch.kind ?? ''),
    name: String(metadata.name ?? ''), namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '',
  };
  const matches = resources.list.filter((r) => [r.id, ...r.prevIds].some((other) => idEquals(other, id, resources.isNamespaced)));
  if (matches.length === 0 && someObjects) return undefined;
  if (matches.length !== 1) {
    const described = `[noGrp]/${id.kind}.${id.version}.${id.group}/${id.name}.${id.namespace || '[noNs]'}`;
    throw new BuildError(matches.length === 0 ? `no resource matches strategic merge patch "${described}"` : `multiple matches for Id ${described}`, spec.origin);
  }
  return matches[0];
}

function mergeInto(resources: ResMap, r: BuiltResource, patch: Obj, spec: PatchSpec, env: BuildEnv, origins: OriginTable): void {
  const { name, namespace, kind } = r.id;
  const { group, version } = r.id;
  if (spec.allowNameChange || spec.allowKindChange) r.storePreviousId();
  // The patch's own apiVersion (with a target it may name none) is the target's.
  patch.apiVersion = r.value.apiVersion;
  const merged = strategicMerge(r.value, patch, (path) => env.mergeKey(group, version, kind, path), origins);
  if (!merged || Object.keys(merged).length === 0) {
    resources.list.splice(resources.list.indexOf(r), 1);
    return;
  }
  r.value = merged;
  if (!spec.allowKindChange) r.value.kind = kind;
  if (!spec.allowNameChange) r.metadata.name = name;
  if (namespace) r.metadata.namespace = namespace;
  else delete r.metadata.namespace;
}
