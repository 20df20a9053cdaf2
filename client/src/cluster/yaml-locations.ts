// Where things are in the user's YAML: each Kubernetes document with the line of its `kind`, and
// the line of a field path (for drift marks). Plain `yaml` with a LineCounter and the manifest
// decoder's options (YAML 1.1, as the server reads the file); no VS Code types.
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { isKubernetesObject, isObjectList, MANIFEST_PARSE_OPTIONS } from '../../../server/src/shared/manifest-yaml';
import type { Segment } from './projection';

type Obj = Record<string, unknown>;

export interface LocatedManifest {
  manifest: Obj;
  /** 0-based line of the `kind:` key (where the lens goes). */
  kindLine: number;
  doc: Document;
}

export interface LocatedText {
  manifests: LocatedManifest[];
  /** 0-based line of an offset. */
  lineOf(offset: number): number;
}

export function locateManifests(text: string): LocatedText {
  const counter = new LineCounter();
  const docs = parseAllDocuments(text, { ...MANIFEST_PARSE_OPTIONS, lineCounter: counter });
  const lineOf = (offset: number) => counter.linePos(offset).line - 1;
  const manifests: LocatedManifest[] = [];
  for (const doc of Array.isArray(docs) ? docs : []) {
    if (doc.errors.length || !isMap(doc.contents)) continue;
    const value = doc.toJS({ maxAliasCount: 1000 }) as unknown;
    if (!isKubernetesObject(value) || isObjectList(value)) continue;
    const kindPair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'kind');
    const at = (kindPair?.key as Node | undefined)?.range?.[0] ?? doc.contents.range?.[0] ?? 0;
    manifests.push({ manifest: value, kindLine: lineOf(at), doc });
  }
  return { manifests, lineOf };
}

/** 0-based line of the value at a path (lists matched by index or by item `name`), or undefined. */
export function lineOfPath(located: LocatedText, doc: Document, segments: Segment[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const seg of segments) {
    if (typeof seg === 'string' && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === seg);
      if (!pair) return offset === undefined ? undefined : located.lineOf(offset);
      offset = (pair.key as Node).range?.[0];
      node = pair.value;
    } else if (isSeq(node)) {
      const item = typeof seg === 'number' ? node.items[seg] : node.items.find((i) => isMap(i) && i.get('name') === (seg as { name: string }).name);
      if (!item) return offset === undefined ? undefined : located.lineOf(offset);
      offset = (item as Node).range?.[0];
      node = item;
    } else return offset === undefined ? undefined : located.lineOf(offset);
  }
  return offset === undefined ? undefined : located.lineOf(offset);
}

/** `spec.ports[0].port` (the API server's field paths) → segments. */
export function parseFieldPath(path: string): Segment[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}
