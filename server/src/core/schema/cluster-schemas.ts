/**
 * Catalog entries from the connected cluster's OpenAPI v3 documents (shared/cluster-schemas-protocol.ts):
 * every kind a document's `components.schemas` names in `x-kubernetes-group-version-kind`, outside
 * the built-in groups, converted like a workspace CRD (openapi.ts) with the definitions it reaches
 * from the same document (ObjectMeta, …). The cluster's schema wins over the bundled catalog; a
 * workspace CRD wins over it (catalog.ts). Malformed input is skipped, never thrown.
 */
import type { KindEntry } from './catalog';
import { toJsonSchema } from './openapi';
import { assembleKind } from './schema-store';
import { BUILTIN_API_GROUPS, type ClusterSchemaDocument } from '../../shared/cluster-schemas-protocol';

export interface ClusterSchemas {
  kinds: readonly KindEntry[];
  /** Changes when the documents do (their hashes): the catalogs are rebuilt only then. */
  key: string;
}

export const NO_CLUSTER_SCHEMAS: ClusterSchemas = { kinds: [], key: '' };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

export function clusterSchemasOf(params: unknown): ClusterSchemas {
  const p = obj(params);
  if (!p || !Array.isArray(p.documents)) return NO_CLUSTER_SCHEMAS;
  const context = typeof p.context === 'string' ? p.context : '?';
  const documents = p.documents.map(obj).filter((d): d is Obj => !!d && typeof d.path === 'string' && !!obj(d.schemas)) as unknown as ClusterSchemaDocument[];
  const kinds = documents.flatMap((d) => kindsOfDocument(d, context));
  return { kinds, key: `${context}\u0000${documents.map((d) => `${d.path}@${d.hash}`).join('\u0001')}` };
}

function kindsOfDocument(doc: ClusterSchemaDocument, context: string): KindEntry[] {
  const out: KindEntry[] = [];
  for (const [name, schema] of Object.entries(doc.schemas)) {
    for (const gvk of groupVersionKinds(schema)) {
      if (gvk.group === '' || BUILTIN_API_GROUPS.includes(gvk.group) || gvk.kind.endsWith('List')) continue;
      const assembled = assembleFrom(gvk, schema, doc.schemas);
      if (!assembled) continue;
      out.push({
        ...gvk,
        schema: { ...assembled, 'x-kubesight-crd': name },
        source: 'cluster',
        hash: `${doc.hash}:${name}`,
        origin: `the cluster (context "${context}", /openapi/v3/${doc.path})`,
      });
    }
  }
  return out;
}

function groupVersionKinds(schema: unknown): { group: string; version: string; kind: string }[] {
  const list = obj(schema)?.['x-kubernetes-group-version-kind'];
  if (!Array.isArray(list)) return [];
  return list.map(obj).flatMap((g) => (g && typeof g.group === 'string' && typeof g.version === 'string' && typeof g.kind === 'string' ? [{ group: g.group, version: g.version, kind: g.kind }] : []));
}

function assembleFrom(gvk: { group: string; version: string; kind: string }, schema: unknown, schemas: Record<string, unknown>): object | undefined {
  try {
    const { $schema: _s, $id: _i, ...root } = toJsonSchema(schema, { root: true });
    return assembleKind(gvk, root, (name) => (Object.hasOwn(schemas, name) ? toJsonSchema(schemas[name]) : undefined));
  } catch {
    return undefined; // a reference the document does not hold: the kind falls back to the catalog
  }
}
