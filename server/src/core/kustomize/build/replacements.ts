import { parseKyaml } from './kyaml';
import { BuildError, type BuildEnv } from './env';
import { deepClone, isObj, type Obj } from './fields';
import { readWithin, type LoadedKustomization } from './load';
import { effectiveNamespace, matchesLabelSelector, type ResMap, type Selector } from './resmap';
import type { BuiltResource, Origin, OriginTable, ResId } from './resource';

/**
 * kustomize's `replacements`: a value read from one object (`source`) is written into fields of
 * others (`targets`). Selection is by exact id (current or earlier names), not by regular
 * expression as patches select; field paths are dot-separated with `[key=value]` list selectors,
 * list indexes and `*`.
 */
interface Replacement {
  source: unknown;
  targets: unknown;
  origin?: Origin;
}

interface FieldOptions {
  delimiter?: string;
  index?: number;
  create?: boolean;
}

const DEFAULT_FIELD_PATH = 'metadata.name';

/** The kustomization's replacements, inline or read from the files its `path` entries name (one replacement or a list each). */
export function replacementsOf(k: LoadedKustomization, env: BuildEnv): Replacement[] {
  const entries = Array.isArray(k.value.replacements) ? k.value.replacements : [];
  return entries.flatMap((entry, i): Replacement[] => {
    const origin = k.at(['replacements', i]);
    if (!isObj(entry) || typeof entry.path !== 'string') return [{ source: isObj(entry) ? entry.source : undefined, targets: isObj(entry) ? entry.targets : undefined, origin }];
    const { path, text } = readWithin(k, entry.path, env, origin);
    if (text === undefined) throw new BuildError(`open ${path}: no such file or directory`, origin);
    return parseKyaml(text).flatMap((d) => {
      const value = d.toJS() as unknown;
      return (Array.isArray(value) ? value : [value]).filter(isObj).map((r) => ({ source: r.source, targets: r.targets, origin }));
    });
  });
}

export function applyReplacements(resources: ResMap, replacements: readonly Replacement[], origins: OriginTable): void {
  for (const r of replacements) {
    if (!isObj(r.source) || !Array.isArray(r.targets)) throw new BuildError('replacements must specify a source and at least one target', r.origin);
    const value = sourceValue(resources, r.source, r.origin);
    for (const target of r.targets) {
      if (!isObj(target) || !isObj(target.select)) throw new BuildError('target must specify resources to select', r.origin);
      const fieldPaths = Array.isArray(target.fieldPaths) && target.fieldPaths.length > 0 ? target.fieldPaths.map(String) : [DEFAULT_FIELD_PATH];
      const rejects = (Array.isArray(target.reject) ? target.reject : []).filter(isObj) as Selector[];
      const options = (isObj(target.options) ? target.options : {}) as FieldOptions;
      for (const resource of resources.list) {
        if (!isTarget(resource, target.select as Selector, rejects, resources)) continue;
        for (const path of fieldPaths) copyToTarget(resource, value, path, options, origins, r.origin);
      }
    }
  }
}

function sourceValue(resources: ResMap, source: Obj, origin: Origin | undefined): unknown {
  const selector = source as Selector & { fieldPath?: string; options?: FieldOptions };
  const described = `${resIdText(selector)}:${selector.fieldPath ?? ''}`;
  const matches = resources.list.filter((r) => idsOf(r).some((id) => isSelectedBy(id, selector, resources)));
  if (matches.length > 1) throw new BuildError(`multiple matches for selector ${described}`, origin);
  if (matches.length === 0) throw new BuildError(`nothing selected by ${described}`, origin);
  const fieldPath = selector.fieldPath || DEFAULT_FIELD_PATH;
  const found = lookup(matches[0].value, splitPath(fieldPath));
  if (found === undefined || found === null || found === '' || (isObj(found) && Object.keys(found).length === 0) || (Array.isArray(found) && found.length === 0)) {
    throw new BuildError(`fieldPath \`${fieldPath}\` is missing for replacement source ${resIdText(selector)}`, origin);
  }
  const options = selector.options;
  if (!options?.delimiter) return found;
  if (isObj(found) || Array.isArray(found)) throw new BuildError('delimiter option can only be used with scalar nodes', origin);
  const parts = scalarText(found).split(options.delimiter);
  const index = options.index ?? 0;
  if (index >= parts.length || index < 0) throw new BuildError(`options.index ${index} is out of bounds for value ${scalarText(found)}`, origin);
  return parts[index];
}

function isTarget(r: BuiltResource, select: Selector, rejects: readonly Selector[], resources: ResMap): boolean {
  const metadata = r.metadata;
  const byLabels = (s: Selector) => matchesLabelSelector(metadata.labels, s.labelSelector) && matchesLabelSelector(metadata.annotations, s.annotationSelector);
  if (!byLabels(select)) return false;
  if (rejects.some((s) => (s.labelSelector || s.annotationSelector) && byLabels(s))) return false;
  // An object any of whose ids (current or earlier name) a reject names is left alone.
  const ids = idsOf(r);
  if (rejects.some((s) => hasId(s) && ids.some((id) => isSelectedBy(id, s, resources)))) return false;
  return ids.some((id) => isSelectedBy(id, select, resources));
}

function idsOf(r: BuiltResource): ResId[] {
  return [r.id, ...r.prevIds];
}

function hasId(s: Selector): boolean {
  return !!(s.group || s.version || s.kind || s.name || s.namespace);
}

/** kustomize's IsSelectedBy: every field the selector sets is equal (namespaces compared as effective ones). */
function isSelectedBy(id: ResId, s: Selector, resources: ResMap): boolean {
  if (s.name && s.name !== id.name) return false;
  if (s.namespace && effectiveNamespace(id, resources.isNamespaced) !== s.namespace) return false;
  return (!s.group || s.group === id.group) && (!s.version || s.version === id.version) && (!s.kind || s.kind === id.kind);
}

function resIdText(s: Selector): string {
  return `${s.kind || '[noKind]'}.${s.version || '[noVer]'}.${s.group || '[noGrp]'}/${s.name || '[noName]'}.${s.namespace || '[noNs]'}`;
}

/** Dots separate, except inside `[...]`. */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  let current = '';
  let depth = 0;
  for (const c of path) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === '.' && depth === 0) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

function lookup(value: unknown, segments: readonly string[]): unknown {
  let current = value;
  for (const segment of segments) {
    const places = childPlaces(current, segment, false);
    if (places.length === 0) return undefined;
    current = places[0].container[places[0].key as never];
  }
  return current;
}

interface Place {
  container: Obj | unknown[];
  key: string | number;
}

/** The children of `value` a path segment names; with `create`, missing maps and `[key=value]` items are made. */
function childPlaces(value: unknown, segment: string, create: boolean): Place[] {
  const item = /^\[([^=\]]*)=([^\]]*)\]$/.exec(segment);
  if (Array.isArray(value)) {
    if (segment === '*') return value.map((_, i) => ({ container: value, key: i }));
    if (/^\d+$/.test(segment)) return Number(segment) < value.length ? [{ container: value, key: Number(segment) }] : [];
    if (!item) return [];
    const [, key, wanted] = item;
    const matching = value.flatMap((v, i) => ((key === '' ? scalarText(v) === wanted : isObj(v) && v[key] !== undefined && scalarText(v[key]) === wanted) || (wanted === '*' && isObj(v) && key in v) ? [{ container: value, key: i }] : []));
    if (matching.length === 0 && create && key !== '' && wanted !== '*') {
      value.push({ [key]: wanted });
      return [{ container: value, key: value.length - 1 }];
    }
    return matching;
  }
  if (!isObj(value) || item) return [];
  if (segment === '*') return Object.keys(value).map((key) => ({ container: value, key }));
  return segment in value || create ? [{ container: value, key: segment }] : [];
}

function copyToTarget(r: BuiltResource, value: unknown, fieldPath: string, options: FieldOptions, origins: OriginTable, origin: Origin | undefined): void {
  const segments = splitPath(fieldPath);
  const create = options.create === true;
  let places: Place[] = [{ container: [r.value], key: 0 }];
  segments.forEach((segment) => {
    places = places.flatMap((p) => {
      let child = (p.container as Record<string | number, unknown>)[p.key];
      if ((child === undefined || child === null) && create) {
        child = /^\[.*\]$|^\d+$/.test(segment) ? [] : {};
        (p.container as Record<string | number, unknown>)[p.key] = child;
      }
      return childPlaces(child, segment, create);
    });
  });
  if (places.length === 0) throw new BuildError(create ? `unable to find or create field "${fieldPath}" in replacement target` : `unable to find field "${fieldPath}" in replacement target`, origin);
  for (const place of places) {
    const container = place.container as Record<string | number, unknown>;
    container[place.key] = newFieldValue(container[place.key], value, options, origin);
    origins.record(place.container, place.key, origin);
  }
}

/** What a target field becomes: a scalar keeps its type (kyaml copies only the text), anything else is replaced. */
function newFieldValue(current: unknown, value: unknown, options: FieldOptions, origin: Origin | undefined): unknown {
  let replacement = value;
  if (options.delimiter) {
    if (isObj(current) || Array.isArray(current)) throw new BuildError('delimiter option can only be used with scalar nodes', origin);
    const parts = current === undefined || current === null ? [''] : scalarText(current).split(options.delimiter);
    const index = options.index ?? 0;
    const text = isObj(value) || Array.isArray(value) ? '' : scalarText(value);
    if (index < 0) parts.unshift(text);
    else if (index >= parts.length) parts.push(text);
    else parts[index] = text;
    replacement = parts.join(options.delimiter);
  }
  if (current === undefined || current === null) return isObj(replacement) || Array.isArray(replacement) ? deepClone(replacement) : plainScalar(scalarText(replacement));
  if (isObj(current) || Array.isArray(current)) return deepClone(replacement);
  const text = isObj(replacement) || Array.isArray(replacement) ? '' : scalarText(replacement);
  if (typeof current === 'number') return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
  if (typeof current === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** A new scalar field has no tag: its text reads as YAML would read it unquoted. */
function plainScalar(text: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

function scalarText(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}
