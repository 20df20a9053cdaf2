// The connected cluster's schemas of its custom resources, from its OpenAPI v3: the index
// (`/openapi/v3`), then the document of each group-version outside the built-in groups, fetched
// again only when the index's `?hash=` of it changes. Sent to the language server as the
// `kubesight/clusterSchemas` notification (server/src/shared/cluster-schemas-protocol.ts), where
// they win over the bundled catalog and lose to the workspace's CRDs.
import { customGroupOfPath, type ClusterSchemaDocument, type ClusterSchemasParams } from '../../../server/src/shared/cluster-schemas-protocol';
import type { ClusterConnection } from './connection';

interface IndexEntry {
  serverRelativeURL?: unknown;
}

/** Documents by path and hash, kept between fetches (one per context). */
export type SchemaDocumentCache = Map<string, ClusterSchemaDocument>;

/** A cluster serving more custom group-versions than this is read in part (the first ones by path). */
const MAX_DOCUMENTS = 200;

/**
 * Throws when the index cannot be read (an unreachable or too old cluster): the caller then sends
 * `null` and the server keeps the bundled catalog. A document that fails is left out.
 */
export async function fetchClusterSchemas(conn: ClusterConnection, cache: SchemaDocumentCache, signal?: AbortSignal): Promise<ClusterSchemasParams> {
  const index = await conn.request<{ paths?: Record<string, IndexEntry> }>({ path: '/openapi/v3', signal });
  const wanted = Object.entries(index.paths ?? {})
    .filter(([path]) => customGroupOfPath(path) !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_DOCUMENTS);
  const documents = await Promise.all(
    wanted.map(async ([path, entry]): Promise<ClusterSchemaDocument | undefined> => {
      const url = typeof entry.serverRelativeURL === 'string' ? entry.serverRelativeURL : `/openapi/v3/${path}`;
      const hash = new URL(url, 'http://cluster').searchParams.get('hash') ?? '';
      const cached = cache.get(path);
      if (cached && hash && cached.hash === hash) return cached;
      try {
        const doc = await conn.request<{ components?: { schemas?: Record<string, unknown> } }>({ path: `/openapi/v3/${path}`, query: hash ? { hash } : undefined, signal });
        const fetched = { path, hash, schemas: doc.components?.schemas ?? {} };
        cache.set(path, fetched);
        return fetched;
      } catch {
        return undefined; // that group-version keeps the catalog's schemas
      }
    }),
  );
  return { context: conn.context.name, documents: documents.filter((d): d is ClusterSchemaDocument => d !== undefined) };
}
