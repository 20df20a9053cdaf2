// The live counterparts of the objects in the user's open files, sent to the language server as
// the `kubesight/liveBaseline` notification so the immutable-field check compares with what the
// API server will compare with (server/src/shared/cluster-protocol.ts). A Secret's values stay in the
// client: the server gets a keyed digest of each (server/src/shared/secret-digest.ts), which is all
// it needs to see that an immutable Secret's data changed.
import type { LiveBaselineParams } from '../../../server/src/shared/cluster-protocol';
import { newSecretDigestKey, secretValueDigest } from '../../../server/src/shared/secret-digest';
import { CLUSTER_CONCURRENCY, mapLimit } from './concurrency';
import { ClusterError, SHARE_RECENT_GET_MS, type ClusterConnection } from './connection';
import { Discovery } from './discovery';
import { resourcePath } from './kinds';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const MAX_OBJECTS = 200;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** A live Secret as the baseline carries it: digests for values, no last-applied copy of them. */
export function withDigestedValues(secret: Obj, key: string): Obj {
  const annotations = { ...secret.metadata?.annotations };
  delete annotations[LAST_APPLIED];
  const data = Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, secretValueDigest(key, String(v), 'base64')]));
  const { stringData: _never, ...rest } = secret;
  return { ...rest, metadata: { ...secret.metadata, annotations }, data };
}

export async function fetchLiveBaseline(conn: ClusterConnection, manifests: Obj[], namespace: string, signal?: AbortSignal): Promise<Omit<LiveBaselineParams, 'objects'> & { objects: Obj[] }> {
  const discovery = new Discovery(conn);
  const wanted = manifests.filter((m) => typeof m.metadata?.name === 'string').slice(0, MAX_OBJECTS);
  const secretDigestKey = newSecretDigestKey();
  // CLUSTER_CONCURRENCY GETs at a time: 200 at once would flood the API server.
  const found = await mapLimit(
    wanted,
    CLUSTER_CONCURRENCY,
    async (m): Promise<Obj | undefined> => {
      const kind = await discovery.resolve(String(m.apiVersion), String(m.kind), signal);
      if (!kind) return undefined;
      try {
        const live = await conn.request<Obj>({ path: resourcePath(kind, kind.namespaced ? String(m.metadata.namespace ?? (namespace || 'default')) : undefined, m.metadata.name), signal, shareWithinMs: SHARE_RECENT_GET_MS });
        const { status: _status, ...rest } = live;
        const object = { ...rest, metadata: { ...rest.metadata, managedFields: undefined } };
        return live.kind === 'Secret' && kind.group === '' ? withDigestedValues(object, secretDigestKey) : object;
      } catch (e) {
        if (e instanceof ClusterError && (e.kind === 'not-found' || e.kind === 'forbidden')) return undefined;
        throw e;
      }
    },
    signal,
  );
  const objects = found.filter((o) => o !== undefined) as Obj[];
  return { context: conn.context.name, namespace, objects, ...(objects.some((o) => o.kind === 'Secret') ? { secretDigestKey } : {}) };
}
