import { Scalar, YAMLMap, YAMLSeq, type Document } from 'yaml';

/** A node the fast path leaves to yaml: an alias, a pair in a list, a merge key, a non-scalar key, a !!set or !!omap… */
const NOT_PLAIN = Symbol('not plain');

/**
 * The document's value exactly as `doc.toJS()` gives it, when the document is plain maps, lists
 * and scalars with scalar keys (most manifests); undefined otherwise, for yaml's own conversion.
 * yaml's is generic (alias and anchor bookkeeping, a merge-key check that scans the schema's tags
 * for every key, a `toJSON` dispatch per node) and took ~20 ms of the first parse of the
 * 20,000-line benchmark file. A plain document has no alias and no collection key, so it is also
 * one the API server can decode (model/undecodable.ts need not look).
 */
export function plainValue(doc: Document.Parsed): { value: unknown } | undefined {
  const value = fastValue(doc.contents);
  return value === NOT_PLAIN ? undefined : { value };
}

function fastValue(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  // Exact classes: yaml's !!omap, !!set and !!pairs subclass YAMLMap and YAMLSeq and convert to Map or Set.
  const type = (node as object).constructor;
  // toJS keeps scalar values as they are (a timestamp stays a Date).
  if (type === Scalar) return (node as Scalar).value;
  if (type === YAMLMap) return mapValue(node as YAMLMap);
  if (type === YAMLSeq) return seqValue(node as YAMLSeq);
  return NOT_PLAIN;
}

function mapValue(map: YAMLMap): unknown {
  const out: Record<string, unknown> = {};
  for (const { key, value } of map.items) {
    if (!key || (key as object).constructor !== Scalar) return NOT_PLAIN;
    const k = (key as Scalar).value;
    // A plain `<<` is a merge key in YAML 1.1 (resolved to a Symbol; a string `<<` is left to yaml
    // too, to be safe); Dates and other objects become keys through yaml's stringifier.
    if (k === '<<' || (k !== null && typeof k === 'object') || typeof k === 'symbol') return NOT_PLAIN;
    const v = fastValue(value);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    const name = k === null ? '' : String(k);
    // As yaml does: `__proto__` and other inherited names become own properties.
    if (name in out) Object.defineProperty(out, name, { value: v, writable: true, enumerable: true, configurable: true });
    else out[name] = v;
  }
  return out;
}

function seqValue(seq: YAMLSeq): unknown {
  const out: unknown[] = [];
  for (const item of seq.items) {
    // A pair in a sequence (`[a: 1]`) or an alias is not plain either.
    const v = fastValue(item);
    if (v === NOT_PLAIN) return NOT_PLAIN;
    out.push(v);
  }
  return out;
}
