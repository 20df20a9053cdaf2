import { isMap, isSeq, type YAMLMap } from 'yaml';
import { documentValue, rootIsMap, type ParsedDocument, type ParsedFile } from './parse';
import { locate, type FieldPath } from './path';
import { isKubernetesObject, isObjectList } from '../../shared/manifest-yaml';

/** One Kubernetes object found in a file: a document, or an item of a `List`. */
export interface Resource {
  document: ParsedDocument;
  /** The object's map node. */
  node: YAMLMap;
  /** Path from the document root to the object ([] or ['items', i]). */
  basePath: FieldPath;
  apiVersion: string;
  group: string;
  version: string;
  kind: string;
  name?: string;
  namespace?: string;
  /** Plain JS value of the object (nulls kept, as written). */
  value: Record<string, unknown>;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** A document is Kubernetes when it has string `apiVersion` and `kind` at the top (product.md §5); shared with the client's decoder. */
export { isKubernetesObject };

export function resourcesOfDocument(document: ParsedDocument): Resource[] {
  // A copy: callers may add to the list.
  return [...(document.resources ??= objectsOf(document))];
}

function objectsOf(document: ParsedDocument): Resource[] {
  // The value first: it is shared by a reused document's versions, while reading the nodes moves
  // them to this version's offsets (parse.ts), which an edit should do only where it reads them.
  const value = documentValue(document);
  if (!isKubernetesObject(value) || !rootIsMap(document)) return [];
  const top = makeResource(document, [], value, () => document.doc.contents as YAMLMap);
  if (!isObjectList(value)) return [top];
  // `List` kinds are unpacked: each item is an object of its own.
  const items = locate(document.doc.contents as YAMLMap, ['items']).node;
  if (!isSeq(items)) return [top];
  const out: Resource[] = [];
  value.items.forEach((item, i) => {
    const node = items.items[i];
    // Through `document.doc`: reading it moves the shared nodes to this version's offsets.
    if (isKubernetesObject(item) && isMap(node)) out.push(makeResource(document, ['items', i], item, () => (void document.doc, node as YAMLMap)));
  });
  return out;
}

export function resourcesOfFile(file: ParsedFile): Resource[] {
  const out: Resource[] = [];
  for (const document of file.documents) out.push(...(document.resources ??= objectsOf(document)));
  return out;
}

function makeResource(document: ParsedDocument, basePath: FieldPath, value: Record<string, unknown> & { apiVersion: string; kind: string }, nodeOf: () => YAMLMap): Resource {
  const metadata = value.metadata && typeof value.metadata === 'object' ? (value.metadata as Record<string, unknown>) : {};
  return {
    document,
    // Read when a rule or a feature needs a range (most objects of a reused document are only
    // indexed), and every time through the document: whichever version of it read the shared nodes
    // last, they are then at this version's offsets.
    get node() {
      return nodeOf();
    },
    basePath,
    apiVersion: value.apiVersion,
    ...splitApiVersion(value.apiVersion),
    kind: value.kind,
    name: typeof metadata.name === 'string' ? metadata.name : undefined,
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    value,
  };
}

/** The same object of the same parse (resources are re-created per analysis, so not by identity). */
export function sameResource(a: Resource, b: Resource): boolean {
  return a.document.value === b.document.value && a.basePath.join('/') === b.basePath.join('/');
}

/** Objects of the document under an offset (hover and navigation need no others). */
export function resourcesAt(file: ParsedFile, offset: number): Resource[] {
  const document = file.documents.find((d) => offset >= d.start && offset <= d.end);
  return document ? resourcesOfDocument(document) : [];
}
