// What the language server learns from the cluster: names of the objects references point at in
// the active namespace, ConfigMap and Secret keys (never Secret values) and Service ports. Sent
// as the `kubesight/clusterIndex` notification (server/src/shared/cluster-protocol.ts).
import type { ClusterIndexObject, ClusterIndexParams } from '../../../server/src/shared/cluster-protocol';
import type { ClusterConnection } from './connection';
import { apiVersionOf, CLUSTERROLE, CONFIGMAP, INGRESSCLASS, PVC, resourcePath, ROLE, SECRET, SERVICE, SERVICEACCOUNT, type KindInfo } from './kinds';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Everything `references.ts` in the server can point at; cluster-scoped kinds are listed whole.
const INDEXED: KindInfo[] = [CONFIGMAP, SECRET, PVC, SERVICEACCOUNT, SERVICE, ROLE, CLUSTERROLE, INGRESSCLASS];

export async function buildClusterIndex(conn: ClusterConnection, namespace: string, signal?: AbortSignal): Promise<ClusterIndexParams> {
  // The cluster's release is the default target version of the server's checks.
  const version = conn.request<{ gitVersion?: unknown }>({ path: '/version', signal }).then(
    (v) => (typeof v.gitVersion === 'string' ? v.gitVersion : undefined),
    () => undefined, // a cluster that hides its version leaves the target to settings and the newest release
  );
  const lists = await Promise.all(
    INDEXED.map(async (kind) => {
      try {
        const list = await conn.request<Obj>({ path: resourcePath(kind, kind.namespaced ? namespace || undefined : undefined), signal });
        return ((list.items ?? []) as Obj[]).map((o) => indexEntry(kind, o));
      } catch {
        return []; // a kind we may not list (Secrets are often forbidden) is simply not indexed
      }
    }),
  );
  const kubernetesVersion = await version;
  return { context: conn.context.name, ...(kubernetesVersion ? { kubernetesVersion } : {}), namespace, objects: lists.flat() };
}

function indexEntry(kind: KindInfo, o: Obj): ClusterIndexObject {
  const entry: ClusterIndexObject = { apiVersion: apiVersionOf(kind), kind: kind.kind, namespace: o.metadata?.namespace, name: String(o.metadata?.name) };
  if (kind === CONFIGMAP) entry.keys = [...Object.keys(o.data ?? {}), ...Object.keys(o.binaryData ?? {})];
  if (kind === SECRET) entry.keys = [...Object.keys(o.data ?? {}), ...Object.keys(o.stringData ?? {})];
  if (kind === SERVICE) entry.ports = ((o.spec?.ports ?? []) as Obj[]).map((p) => ({ ...(p.name ? { name: String(p.name) } : {}), port: Number(p.port) }));
  return entry;
}
