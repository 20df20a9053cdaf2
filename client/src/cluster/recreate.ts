// The guarded way out of an immutable-field conflict (the classic edited Job): delete the live
// object and create it from the file, after its own confirmation. And following a rollout after an
// apply until it is ready, fails, or the deadline passes.
import { FIELD_MANAGER, type PlannedObject } from './apply';
import { ClusterError, type ClusterConnection } from './connection';
import { resourcePath } from './kinds';
import type { Confirm, WritePolicy } from './safety';
import { statusWithPods } from './live-status';
import type { ObjectStatus } from './status';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => {
  const timer = setTimeout(resolve, ms);
  signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
});

export async function recreate(conn: ClusterConnection, policy: WritePolicy, confirm: Confirm, planned: PlannedObject, options: { pollMs?: number; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<boolean> {
  if (!planned.kind || !planned.live) throw new ClusterError('config', `${planned.label} is not in the cluster: nothing to recreate.`);
  policy.assertWritable(conn.context.name);
  const path = resourcePath(planned.kind, planned.namespace, planned.name);
  await conn.request({ method: 'DELETE', path, query: { dryRun: 'All', propagationPolicy: 'Background' }, signal: options.signal });
  const consequences = [`${planned.label} is deleted and created again from the file${planned.message ? ` because ${planned.message}` : ''}.`, planned.kind.kind === 'Job' ? 'Its pods are deleted and the Job runs again.' : 'Its pods are replaced.'];
  const ok = await policy.confirm(confirm, { action: 'recreate', context: conn.context.name, namespace: planned.namespace, objects: [planned.label], consequences });
  if (!ok) return false;
  await conn.request({ method: 'DELETE', path, query: { propagationPolicy: 'Background' }, signal: options.signal });
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    try {
      await conn.request({ path, signal: options.signal });
    } catch (e) {
      if (e instanceof ClusterError && e.kind === 'not-found') break;
      throw e;
    }
    if (Date.now() > deadline) throw new ClusterError('timeout', `${planned.label} is still being deleted; create it again once it is gone.`);
    await sleep(options.pollMs ?? 1000, options.signal);
  }
  const body = { ...planned.manifest, metadata: { ...planned.manifest.metadata, ...(planned.namespace ? { namespace: planned.namespace } : {}) } };
  await conn.request({ method: 'PATCH', path, query: { fieldManager: FIELD_MANAGER, force: true }, body: JSON.stringify(body), contentType: 'application/apply-patch+yaml', signal: options.signal });
  return true;
}

/** Polls a workload after an apply until it is healthy or failed; reports every change of status. */
export async function followRollout(conn: ClusterConnection, planned: PlannedObject, onStatus: (s: ObjectStatus) => void, options: { pollMs?: number; timeoutMs?: number; signal?: AbortSignal } = {}): Promise<ObjectStatus> {
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  let last = '';
  for (;;) {
    const live = await conn.request<Obj>({ path: resourcePath(planned.kind!, planned.namespace, planned.name), signal: options.signal });
    const status = await statusWithPods(conn, live, options.signal);
    if (status.text !== last) onStatus(status);
    last = status.text;
    if (status.health === 'healthy' || status.health === 'failed' || options.signal?.aborted) return status;
    if (Date.now() > deadline) return { text: `still ${status.text} after ${Math.round((options.timeoutMs ?? 300_000) / 1000)} s`, health: 'progressing' };
    await sleep(options.pollMs ?? 2000, options.signal);
  }
}
