// The live counterparts of the objects in the user's open files, sent to the language server as
// the `kubesight/liveBaseline` notification so the immutable-field check compares with what the
// API server will compare with (server/src/shared/cluster-protocol.ts). Secrets are never sent (their
// values stay in the cluster).
import type { LiveBaselineParams } from '../../../server/src/shared/cluster-protocol';
import { CLUSTER_CONCURRENCY, mapLimit } from './concurrency';
import { ClusterError, type ClusterConnection } from './connection';
import { Discovery } from './discovery';
import { resourcePath } from './kinds';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MAX_OBJECTS = 200;

export async function fetchLiveBaseline(conn: ClusterConnection, manifests: Obj[], namespace: string, signal?: AbortSignal): Promise<Omit<LiveBaselineParams, 'objects'> & { objects: Obj[] }> {
  const discovery = new Discovery(conn);
  const wanted = manifests.filter((m) => m.kind !== 'Secret' && typeof m.metadata?.name === 'string').slice(0, MAX_OBJECTS);
  // CLUSTER_CONCURRENCY GETs at a time: 200 at once would flood the API server.
  const found = await mapLimit(
    wanted,
    CLUSTER_CONCURRENCY,
    async (m): Promise<Obj | undefined> => {
      const kind = await discovery.resolve(String(m.apiVersion), String(m.kind), signal);
      if (!kind) return undefined;
      try {
        const live = await conn.request<Obj>({ path: resourcePath(kind, kind.namespaced ? String(m.metadata.namespace ?? (namespace || 'default')) : undefined, m.metadata.name), signal });
        const { status: _status, ...rest } = live;
        return { ...rest, metadata: { ...rest.metadata, managedFields: undefined } };
      } catch (e) {
        if (e instanceof ClusterError && (e.kind === 'not-found' || e.kind === 'forbidden')) return undefined;
        throw e;
      }
    },
    signal,
  );
  return { context: conn.context.name, namespace, objects: found.filter((o) => o !== undefined) as Obj[] };
}
