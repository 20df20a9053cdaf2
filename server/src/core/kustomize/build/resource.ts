import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { splitApiVersion } from '../../model/resource';
import { deepClone, isObj, type Obj } from './fields';

/** Where a field of a built object was written: a file and offsets in its text. */
export interface Origin {
  file: string;
  start: number;
  end: number;
}

/**
 * Where each field of the build's values came from: per container (map or list), per key. A
 * transformer that sets a field records the kustomization entry that made it; copies made by
 * patches keep the patch's own. One table per build (it lives no longer than the build).
 */
/** A container's origins by key; `shared` once two tables hold it (copyInto): either copies it before writing to it. */
class Origins extends Map<string | number, Origin> {
  shared = false;
}

export class OriginTable {
  constructor(private readonly byContainer = new WeakMap<object, Origins>()) {}

  /**
   * A table that has this one's origins and records its own for new containers: the build of a
   * root that keeps most objects of its previous build (kustomize/rebuild.ts), whose table then
   * stands for both. Containers are never in two builds' values unless unchanged, so the two do
   * not conflict.
   */
  extended(): OriginTable {
    return new OriginTable(this.byContainer);
  }

  /** Every origin recorded in `value`, in order, as text: equal for two values whose fields came from the same places. */
  fingerprint(value: unknown): string {
    if (!value || typeof value !== 'object') return '';
    let out = '';
    const own = this.byContainer.get(value);
    if (own) for (const [key, o] of own) out += `${key}=${o.file}:${o.start}-${o.end};`;
    for (const v of Array.isArray(value) ? value : Object.values(value)) if (v && typeof v === 'object') out += `(${this.fingerprint(v)})`;
    return out;
  }

  record(container: object, key: string | number, origin: Origin | undefined): void {
    if (!origin) return;
    let map = this.byContainer.get(container);
    if (!map) this.byContainer.set(container, (map = new Origins()));
    else if (map.shared) this.byContainer.set(container, (map = new Origins(map)));
    map.set(key, origin);
  }

  get(container: object, key: string | number): Origin | undefined {
    return this.byContainer.get(container)?.get(key);
  }

  /** The origin of the field at `path` of `value` (the nearest recorded one on the way down). */
  at(value: unknown, path: readonly (string | number)[]): Origin | undefined {
    let current = value;
    let found: Origin | undefined;
    for (const key of path) {
      if (!current || typeof current !== 'object') break;
      found = this.get(current, key) ?? found;
      current = (current as Record<string | number, unknown>)[key];
    }
    return found;
  }

  /** A deep copy of `value` whose fields are located at the YAML nodes they were read from. */
  cloneFrom(value: unknown, node: Node | null | undefined, file: string): unknown {
    if (Array.isArray(value)) {
      const items = isSeq(node) ? node.items : [];
      const out = value.map((v, i) => this.cloneFrom(v, items[i] as Node | undefined, file));
      items.forEach((item, i) => this.record(out, i, rangeOf(item as Node, file)));
      return out;
    }
    if (isObj(value)) {
      const out: Obj = {};
      const pairs = isMap(node) ? node.items : [];
      const byKey = new Map(pairs.filter((p) => isScalar(p.key)).map((p) => [String((p.key as { value: unknown }).value), p] as const));
      for (const [k, v] of Object.entries(value)) {
        const pair = byKey.get(k);
        out[k] = this.cloneFrom(v, pair?.value as Node | undefined, file);
        const key = pair?.key as Node | undefined;
        const range = key?.range && (pair?.value as Node | undefined)?.range;
        if (key?.range) this.record(out, k, { file, start: key.range[0], end: range ? range[1] : key.range[1] });
      }
      return out;
    }
    return value;
  }

  /** A deep copy of `value` whose fields have, in `target`, the origins they have here. */
  copyInto<T>(value: T, target: OriginTable): T {
    if (!value || typeof value !== 'object') return value;
    // Plain loops: every overlay of a base copies the base's objects.
    let out: object;
    if (Array.isArray(value)) {
      const items: unknown[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) items[i] = this.copyInto(value[i], target);
      out = items;
    } else {
      const fields: Obj = {};
      for (const k of Object.keys(value)) {
        const v = this.copyInto((value as Obj)[k], target);
        if (k === '__proto__') Object.defineProperty(fields, k, { value: v, writable: true, enumerable: true, configurable: true });
        else fields[k] = v;
      }
      out = fields;
    }
    // The origins by reference, copied by whichever table writes to them first (twenty overlays copy a base's objects, most of whose origins none of them changes).
    const own = this.byContainer.get(value);
    if (own) {
      own.shared = true;
      target.byContainer.set(out, own);
    }
    return out as T;
  }

  /** A deep copy that keeps the origins of `value`'s fields. */
  clone<T>(value: T): T {
    if (!value || typeof value !== 'object') return value;
    const out = Array.isArray(value) ? value.map((v) => this.clone(v)) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.clone(v)]));
    for (const key of Array.isArray(value) ? value.keys() : Object.keys(value)) this.record(out, key, this.get(value, key));
    return out as T;
  }
}

function rangeOf(node: Node | undefined, file: string): Origin | undefined {
  return node?.range ? { file, start: node.range[0], end: node.range[1] } : undefined;
}

export interface ResId {
  group: string;
  version: string;
  kind: string;
  name: string;
  namespace: string;
}

/** One object of a build, with what kustomize tracks of it beyond its fields. */
export class BuiltResource {
  /** Earlier ids, oldest first (kustomize's PrevIds: not the current one). */
  prevIds: ResId[] = [];
  /** Name prefixes and suffixes applied, innermost first. */
  prefixes: string[] = [];
  suffixes: string[] = [];
  /** A generated ConfigMap or Secret that gets a content-hash suffix at the end of the build. */
  needsHash = false;
  /** A generator's `behavior` (create, merge, replace). */
  behavior?: string;

  constructor(
    public value: Obj,
    /** The file (and range) the object was read or generated from. */
    readonly origin: Origin,
  ) {}

  /** The last id made, with the fields it was made from: the transformers and the name-reference pass ask for ids of every object many times. Ids are never changed once made. */
  private lastId?: { from: readonly unknown[]; id: ResId };

  get id(): ResId {
    const { apiVersion, kind } = this.value;
    const metadata = isObj(this.value.metadata) ? this.value.metadata : {};
    const from = [apiVersion, kind, metadata.name, metadata.namespace];
    if (this.lastId && this.lastId.from.every((f, i) => f === from[i])) return this.lastId.id;
    const { group, version } = splitApiVersion(typeof apiVersion === 'string' ? apiVersion : '');
    const id = { group, version, kind: String(kind ?? ''), name: typeof metadata.name === 'string' ? metadata.name : '', namespace: typeof metadata.namespace === 'string' ? metadata.namespace : '' };
    this.lastId = { from, id };
    return id;
  }

  /** The first id it had (kustomize's OrgId). */
  get orgId(): ResId {
    return this.prevIds[0] ?? this.id;
  }

  storePreviousId(): void {
    this.prevIds.push(this.id);
  }

  get metadata(): Obj {
    if (!isObj(this.value.metadata)) this.value.metadata = {};
    return this.value.metadata as Obj;
  }

  setName(name: string): void {
    this.metadata.name = name;
  }

  /** A copy whose fields have, in `to`, the origins they have in `from`. */
  copyInto(from: OriginTable, to: OriginTable): BuiltResource {
    const r = new BuiltResource(from.copyInto(this.value, to), this.origin);
    Object.assign(r, { prevIds: [...this.prevIds], prefixes: [...this.prefixes], suffixes: [...this.suffixes], needsHash: this.needsHash, behavior: this.behavior });
    return r;
  }

  copy(): BuiltResource {
    const r = new BuiltResource(deepClone(this.value), this.origin);
    Object.assign(r, { prevIds: [...this.prevIds], prefixes: [...this.prefixes], suffixes: [...this.suffixes], needsHash: this.needsHash, behavior: this.behavior });
    return r;
  }
}
