import { isMap, type Node } from 'yaml';
import type { ParsedDocument } from '../model/parse';
import { splitApiVersion } from '../model/resource';
import type { KindEntry, SchemaCatalog } from '../schema/catalog';
import type { SchemaNode } from '../schema/navigate';

export interface DocumentSchema {
  entry: KindEntry;
  root: SchemaNode;
}

/** apiVersion and kind of a document, read from the AST so half-typed documents work too. */
export function documentKind(document: ParsedDocument | undefined): { apiVersion?: string; kind?: string } {
  const root = document?.doc.contents as Node | null | undefined;
  if (!isMap(root)) return {};
  const read = (key: string) => {
    const v = root.get(key);
    return typeof v === 'string' ? v : undefined;
  };
  return { apiVersion: read('apiVersion'), kind: read('kind') };
}

export function schemaOfDocument(document: ParsedDocument | undefined, catalog: SchemaCatalog): DocumentSchema | undefined {
  const { apiVersion, kind } = documentKind(document);
  if (!apiVersion || !kind) return undefined;
  const { group, version } = splitApiVersion(apiVersion);
  const entry = catalog.entry(group, version, kind);
  const root = entry ? (catalog.schema(entry) as SchemaNode | undefined) : undefined;
  return entry && root ? { entry, root } : undefined;
}
