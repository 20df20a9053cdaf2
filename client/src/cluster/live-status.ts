// The live state of a file's object, for the status lens above it: `not in cluster`,
// `3/3 ready`, `progressing 1/3`, `failed: CrashLoopBackOff`, plus `2 fields differ` when
// applying the file would change the live object (by a server-side-apply dry run, limited to
// the fields the file sets — status, defaults and managedFields are never drift).
import { planObject, type PlannedObject } from './apply';
import { CLUSTER_CONCURRENCY, mapLimit } from './concurrency';
import { SHARE_RECENT_GET_MS, type ClusterConnection } from './connection';
import { podsOf } from './describe';
import type { Discovery } from './discovery';
import { isWorkload, kindOf } from './kinds';
import { objectStatus, podProblem, type ObjectStatus } from './status';
import { selectorString } from './workload-pods';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface LiveState {
  plan: PlannedObject;
  /** undefined when the object is not in the cluster (or cannot be read). */
  status?: ObjectStatus;
  /** The lens text. */
  text: string;
}

export async function liveState(conn: ClusterConnection, discovery: Discovery, manifest: Obj, defaultNamespace: string, signal?: AbortSignal): Promise<LiveState> {
  const plan = await planObject(conn, discovery, manifest, defaultNamespace, signal, SHARE_RECENT_GET_MS);
  if (!plan.live) {
    const text = plan.outcome === 'create' ? `not in cluster${plan.message ? ` · ${plan.message}` : ''}` : plan.outcome === 'unknown-kind' ? 'kind not served by the cluster' : `not in cluster (${plan.outcome})`;
    return { plan, text };
  }
  const status = await statusWithPods(conn, { ...plan.live, kind: plan.live.kind ?? manifest.kind }, signal);
  const parts = [status.text || 'in cluster'];
  if (plan.outcome === 'update') parts.push(`${plan.changedFields.length} field${plan.changedFields.length === 1 ? '' : 's'} differ${plan.changedFields.length === 1 ? 's' : ''}`);
  if (plan.outcome === 'immutable') parts.push('immutable field changed');
  if (plan.outcome === 'invalid' || plan.outcome === 'forbidden') parts.push(plan.outcome);
  return { plan, status, text: parts.join(' · ') };
}

/**
 * The live states of a file's objects, in the manifests' order, `CLUSTER_CONCURRENCY` objects at
 * a time. An object whose state cannot be computed (unreachable cluster, timeout) is undefined —
 * it gets no lens; the others still do. Rejects only when `signal` aborts.
 */
export async function liveStates(conn: ClusterConnection, discovery: Discovery, manifests: readonly Obj[], defaultNamespace: string, options: { concurrency?: number; signal?: AbortSignal } = {}): Promise<(LiveState | undefined)[]> {
  const { concurrency = CLUSTER_CONCURRENCY, signal } = options;
  return mapLimit(manifests, concurrency, (manifest) => liveState(conn, discovery, manifest, defaultNamespace, signal).catch(() => undefined), signal);
}

/** A workload's own status, turned into `failed: <reason>` when one of its pods is failing. */
export async function statusWithPods(conn: ClusterConnection, live: Obj, signal?: AbortSignal): Promise<ObjectStatus> {
  const own = objectStatus(live);
  const kind = kindOf(String(live.apiVersion), String(live.kind));
  if (own.health === 'healthy' || !kind || !isWorkload(kind) || !selectorString(live.spec?.selector)) return own;
  try {
    const problem = (await podsOf(conn, live, signal)).map(podProblem).find(Boolean);
    return problem ? { text: `failed: ${problem}`, health: 'failed' } : own;
  } catch {
    return own;
  }
}
