import { base64OfUtf8 } from '../../rules/secret-data';
import { baseNameOf } from '../uri-path';
import { BuildError, type BuildEnv } from './env';
import { isObj, stringMap, type Obj } from './fields';
import { readWithin, type LoadedKustomization } from './load';
import { BuiltResource, type OriginTable } from './resource';
import { idEquals, type ResMap } from './resmap';

interface Options {
  labels?: Record<string, unknown>;
  annotations?: Record<string, unknown>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

/**
 * configMapGenerator and secretGenerator of one kustomization (kustomize's api/internal/generators
 * and api/kv): keys from env files, then literals, then files; options merged with
 * generatorOptions (the global ones win); `behavior: merge|replace` folds the object into the
 * generator of the same name already in the build.
 */
export function runGenerators(k: LoadedKustomization, resources: ResMap, env: BuildEnv, origins: OriginTable): void {
  const global = isObj(k.value.generatorOptions) ? (k.value.generatorOptions as Options) : undefined;
  for (const kind of ['ConfigMap', 'Secret'] as const) {
    const field = kind === 'ConfigMap' ? 'configMapGenerator' : 'secretGenerator';
    const entries = Array.isArray(k.value[field]) ? (k.value[field] as unknown[]) : [];
    entries.forEach((raw, i) => {
      if (!isObj(raw)) return;
      const generated = generate(kind, raw, mergedOptions(raw.options as Options | undefined, global), k, [field, i], env, origins);
      addGenerated(resources, generated, k.at([field, i]));
    });
  }
}

function mergedOptions(local: Options | undefined, global: Options | undefined): Options {
  if (!global) return local ?? {};
  const out: Options = { ...(local ?? {}) };
  if (global.labels) out.labels = { ...(out.labels ?? {}), ...global.labels };
  if (global.annotations) out.annotations = { ...(out.annotations ?? {}), ...global.annotations };
  if (global.disableNameSuffixHash) out.disableNameSuffixHash = true;
  if (global.immutable) out.immutable = true;
  return out;
}

function generate(kind: 'ConfigMap' | 'Secret', args: Obj, options: Options, k: LoadedKustomization, at: (string | number)[], env: BuildEnv, origins: OriginTable): BuiltResource {
  const name = typeof args.name === 'string' ? args.name : '';
  if (name === '') throw new BuildError(`a ${kind.toLowerCase()} must have a name`, k.at(at));
  const metadata: Obj = { name };
  if (typeof args.namespace === 'string' && args.namespace !== '') metadata.namespace = args.namespace;
  const value: Obj = { apiVersion: 'v1', kind, metadata };
  if (kind === 'Secret') value.type = typeof args.type === 'string' && args.type !== '' ? args.type : 'Opaque';
  const data = dataOf(args, k, at, env);
  if (Object.keys(data).length > 0) value.data = kind === 'Secret' ? Object.fromEntries(Object.entries(data).map(([key, v]) => [key, secretValue(v)])) : data;
  for (const [key, v] of Object.entries(options.labels ?? {}).sort()) stringMap(metadata, 'labels')[key] = String(v);
  for (const [key, v] of Object.entries(options.annotations ?? {}).sort()) stringMap(metadata, 'annotations')[key] = String(v);
  if (options.immutable) value.immutable = true;
  const resource = new BuiltResource(value, k.at(at) ?? { file: k.file, start: 0, end: 0 });
  // Every generated field comes from the generator entry.
  for (const key of Object.keys(value)) origins.record(value, key, k.at(at));
  for (const key of Object.keys(metadata)) origins.record(metadata, key, k.at(at));
  resource.needsHash = !options.disableNameSuffixHash;
  resource.behavior = typeof args.behavior === 'string' && args.behavior !== '' ? args.behavior : 'create';
  return resource;
}

/** kustomize's base64 of a Secret value: lines of 70 characters, each ended by a newline once the value needs two or more. */
function secretValue(text: string): string {
  const encoded = base64OfUtf8(text);
  if (Math.floor(encoded.length / 70) + 1 === 1) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += 70) out += `${encoded.slice(i, i + 70)}\n`;
  return out;
}

function dataOf(args: Obj, k: LoadedKustomization, at: (string | number)[], env: BuildEnv): Record<string, string> {
  const pairs: [string, string][] = [];
  const read = (path: string, where: (string | number)[], what: string): string => {
    const { text } = readWithin(k, path, env, k.at(where));
    if (text === undefined) throw new BuildError(`loading KV pairs: ${what}: [${path}]: no such file or directory`, k.at(where));
    return text;
  };
  const envs = [...(Array.isArray(args.envs) ? args.envs : []), ...(typeof args.env === 'string' && args.env !== '' ? [args.env] : [])];
  envs.forEach((path, i) => pairs.push(...envPairs(read(String(path), [...at, 'envs', i], 'env source files'))));
  for (const literal of Array.isArray(args.literals) ? args.literals : []) pairs.push(literalPair(String(literal), k, at));
  (Array.isArray(args.files) ? args.files : []).forEach((source, i) => {
    const { key, path } = fileSource(String(source), k, [...at, 'files', i]);
    pairs.push([key, read(path, [...at, 'files', i], 'file sources')]);
  });
  const data: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (Object.hasOwn(data, key)) throw new BuildError(`configmap ${String(args.name)} illegally repeats the key \`${key}\``, k.at(at));
    data[key] = value;
  }
  return data;
}

/** An env file's `KEY=value` lines (leading blanks and `#` comment lines skipped; no value is ""). */
function envPairs(text: string): [string, string][] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/).flatMap((raw): [string, string][] => {
    const line = raw.replace(/^\s+/, '');
    if (line === '' || line.startsWith('#')) return [];
    const eq = line.indexOf('=');
    return [eq < 0 ? [line, ''] : [line.slice(0, eq), line.slice(eq + 1)]];
  });
}

function literalPair(source: string, k: LoadedKustomization, at: (string | number)[]): [string, string] {
  const eq = source.indexOf('=');
  if (eq <= 0) throw new BuildError(`invalid literal source ${source}, expected key=value`, k.at(at));
  return [source.slice(0, eq), unquoted(source.slice(eq + 1))];
}

/** kustomize removes one pair of matching quotes around a literal's value. */
function unquoted(value: string): string {
  return value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'") ? value.slice(1, -1) : value;
}

function fileSource(source: string, k: LoadedKustomization, at: (string | number)[]): { key: string; path: string } {
  const parts = source.split('=');
  if (parts.length === 1) return { key: baseNameOf(source), path: source };
  if (parts.length > 2 || parts[0] === '' || parts[1] === '') throw new BuildError(`source "${source}" key name or file path is missing or contains '='`, k.at(at));
  return { key: parts[0], path: parts[1] };
}

/** Adds a generated object, or folds it into the one of the same id (`behavior: merge|replace`). */
function addGenerated(resources: ResMap, generated: BuiltResource, where: ReturnType<LoadedKustomization['at']>): void {
  const matches = resources.list.filter((r) => [r.id, ...r.prevIds].some((id) => idEquals(id, generated.id, resources.isNamespaced)));
  if (matches.length === 0) {
    if (generated.behavior === 'merge' || generated.behavior === 'replace') throw new BuildError(`id ${describe(generated)} does not exist; cannot merge or replace`, where);
    resources.list.push(generated);
    return;
  }
  if (matches.length > 1) throw new BuildError(`found multiple objects that could accept merge of ${describe(generated)}`, where);
  const old = matches[0];
  if (generated.behavior !== 'merge' && generated.behavior !== 'replace') throw new BuildError(`id ${describe(generated)} exists; behavior must be merge or replace`, where);
  const meta = generated.metadata;
  const oldMeta = old.metadata;
  for (const field of ['labels', 'annotations'] as const) {
    const merged = { ...(isObj(oldMeta[field]) ? oldMeta[field] : {}), ...(isObj(meta[field]) ? meta[field] : {}) };
    if (Object.keys(merged).length > 0) meta[field] = merged;
  }
  meta.name = oldMeta.name;
  if (oldMeta.namespace !== undefined) meta.namespace = oldMeta.namespace;
  else delete meta.namespace;
  if (generated.behavior === 'merge') {
    for (const field of ['data', 'binaryData'] as const) {
      const merged = { ...(isObj(old.value[field]) ? old.value[field] : {}), ...(isObj(generated.value[field]) ? generated.value[field] : {}) };
      if (Object.keys(merged).length > 0) generated.value[field] = merged;
    }
  }
  generated.prevIds = [...old.prevIds];
  generated.prefixes = [...old.prefixes];
  generated.suffixes = [...old.suffixes];
  // The hash suffix follows the newer generator's options (kustomize keeps its annotation).
  resources.list[resources.list.indexOf(old)] = generated;
}

function describe(r: BuiltResource): string {
  const id = r.id;
  return `${id.kind}.${id.version}.${id.group || '[noGrp]'}/${id.name}.${id.namespace || '[noNs]'}`;
}
