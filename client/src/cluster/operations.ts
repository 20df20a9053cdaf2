// Reads and guarded writes on one live object. Every write runs as a server-side dry run first
// (so a forbidden or invalid change fails before the user is asked), then asks through the write
// policy, then runs for real.
import type { ClusterConnection, ClusterRequest } from './connection';
import { isWorkload, POD, resourcePath, type KindInfo } from './kinds';
import type { Confirm, WriteAction, WritePolicy } from './safety';
import { FIELD_MANAGER } from './apply';
import { selectorString } from './workload-pods';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ObjectRef {
  kind: KindInfo;
  namespace?: string;
  name: string;
}

export const refLabel = (r: ObjectRef): string => `${r.kind.kind.toLowerCase()}${r.kind.group ? `.${r.kind.group}` : ''}/${r.name}`;

export function getObject(conn: ClusterConnection, ref: ObjectRef, signal?: AbortSignal): Promise<Obj> {
  return conn.request<Obj>({ path: resourcePath(ref.kind, ref.namespace, ref.name), signal });
}

async function guardedWrite(conn: ClusterConnection, policy: WritePolicy, confirm: Confirm, action: WriteAction, ref: ObjectRef, consequences: string[], request: ClusterRequest): Promise<boolean> {
  policy.assertWritable(conn.context.name);
  await conn.request({ ...request, query: { ...request.query, dryRun: 'All' } });
  const ok = await policy.confirm(confirm, { action, context: conn.context.name, namespace: ref.namespace, objects: [refLabel(ref)], consequences });
  if (ok) await conn.request(request);
  return ok;
}

export function scale(conn: ClusterConnection, policy: WritePolicy, confirm: Confirm, ref: ObjectRef, replicas: number): Promise<boolean> {
  const body = JSON.stringify({ spec: { replicas } });
  return guardedWrite(conn, policy, confirm, 'scale', ref, [`replicas → ${replicas}`], { method: 'PATCH', path: resourcePath(ref.kind, ref.namespace, ref.name), body, contentType: 'application/merge-patch+json', query: { fieldManager: FIELD_MANAGER } });
}

/** `kubectl rollout restart`: a new pod-template annotation makes the controller replace the pods. */
export function restartRollout(conn: ClusterConnection, policy: WritePolicy, confirm: Confirm, ref: ObjectRef, now = new Date()): Promise<boolean> {
  const body = JSON.stringify({ spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': now.toISOString() } } } } });
  return guardedWrite(conn, policy, confirm, 'restart', ref, ['all pods are replaced, one batch at a time'], { method: 'PATCH', path: resourcePath(ref.kind, ref.namespace, ref.name), body, contentType: 'application/strategic-merge-patch+json', query: { fieldManager: FIELD_MANAGER } });
}

/** Deletes after naming what goes with the object (a workload's pods, a namespace's contents). */
export async function deleteObject(conn: ClusterConnection, policy: WritePolicy, confirm: Confirm, ref: ObjectRef): Promise<boolean> {
  const consequences: string[] = [];
  if (ref.kind.kind === 'Namespace') consequences.push(`Everything in namespace "${ref.name}" is deleted with it.`);
  if (isWorkload(ref.kind)) {
    const live = await getObject(conn, ref);
    const selector = selectorString(live.spec?.selector);
    const pods = selector ? ((await conn.request<Obj>({ path: resourcePath(POD, ref.namespace), query: { labelSelector: selector } })).items ?? []) : [];
    if (pods.length) consequences.push(`Its ${pods.length} pod${pods.length === 1 ? '' : 's'} (${pods.slice(0, 3).map((p: Obj) => p.metadata.name).join(', ')}${pods.length > 3 ? ', …' : ''}) ${pods.length === 1 ? 'is' : 'are'} deleted too.`);
  }
  return guardedWrite(conn, policy, confirm, 'delete', ref, consequences, { method: 'DELETE', path: resourcePath(ref.kind, ref.namespace, ref.name), query: { propagationPolicy: 'Background' } });
}
