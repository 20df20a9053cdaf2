// A one-line status per object (what `kubectl get` shows) and its health, for tree items,
// status lenses and describe.
import { gatewayStatus, ROUTE_KINDS, routeStatus } from './gateway-status';

export type Health = 'healthy' | 'progressing' | 'failed' | 'unknown';
export interface ObjectStatus {
  text: string;
  health: Health;
}
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FAILING_REASONS = new Set(['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError', 'InvalidImageName', 'RunContainerError', 'OOMKilled', 'Error', 'ContainerCannotRun']);

/** The reason a pod is not running well (`CrashLoopBackOff`), if any. */
export function podProblem(pod: Obj): string | undefined {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])] as Obj[];
  for (const c of statuses) {
    const reason = c.state?.waiting?.reason ?? (c.state?.terminated?.exitCode ? c.state.terminated.reason : undefined);
    if (reason && FAILING_REASONS.has(reason)) return reason;
  }
  if (pod.status?.phase === 'Failed') return pod.status.reason ?? 'Failed';
  const unschedulable = (pod.status?.conditions ?? []).find((c: Obj) => c.type === 'PodScheduled' && c.status === 'False');
  return unschedulable ? unschedulable.reason ?? 'Unschedulable' : undefined;
}

function podStatus(pod: Obj): ObjectStatus {
  const statuses = (pod.status?.containerStatuses ?? []) as Obj[];
  const total = (pod.spec?.containers ?? []).length;
  const ready = statuses.filter((c) => c.ready).length;
  const restarts = statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const problem = podProblem(pod);
  const phase = pod.status?.phase ?? 'Pending';
  const suffix = restarts ? `, ${restarts} restart${restarts === 1 ? '' : 's'}` : '';
  if (problem) return { text: `failed: ${problem} (${ready}/${total} ready${suffix})`, health: 'failed' };
  if (phase === 'Succeeded') return { text: 'Completed', health: 'healthy' };
  if (phase === 'Running' && ready === total) return { text: `Running ${ready}/${total}${suffix}`, health: 'healthy' };
  const waiting = statuses.map((c) => c.state?.waiting?.reason).find(Boolean);
  return { text: `${waiting ?? phase} ${ready}/${total}${suffix}`, health: 'progressing' };
}

function replicated(o: Obj, desired: number, ready: number): ObjectStatus {
  const conditions = (o.status?.conditions ?? []) as Obj[];
  const stalled = conditions.find((c) => c.type === 'Progressing' && c.status === 'False');
  if (stalled) return { text: `failed: ${stalled.reason ?? 'ProgressDeadlineExceeded'} ${ready}/${desired}`, health: 'failed' };
  if (desired === 0) return { text: 'scaled to 0', health: 'healthy' };
  if (ready >= desired) return { text: `${ready}/${desired} ready`, health: 'healthy' };
  return { text: `progressing ${ready}/${desired}`, health: 'progressing' };
}

function jobStatus(o: Obj): ObjectStatus {
  const conditions = (o.status?.conditions ?? []) as Obj[];
  const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
  if (failed) return { text: `failed: ${failed.reason ?? 'BackoffLimitExceeded'}`, health: 'failed' };
  if (conditions.some((c) => c.type === 'Complete' && c.status === 'True')) return { text: `complete ${o.status?.succeeded ?? 1}/${o.spec?.completions ?? 1}`, health: 'healthy' };
  if (o.spec?.suspend) return { text: 'suspended', health: 'unknown' };
  return { text: `running ${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1}${o.status?.failed ? `, ${o.status.failed} failed` : ''}`, health: 'progressing' };
}

export function objectStatus(o: Obj): ObjectStatus {
  switch (o.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet':
      return replicated(o, o.spec?.replicas ?? 1, o.status?.readyReplicas ?? 0);
    case 'DaemonSet':
      return replicated(o, o.status?.desiredNumberScheduled ?? 0, o.status?.numberReady ?? 0);
    case 'Job':
      return jobStatus(o);
    case 'CronJob':
      return { text: o.spec?.suspend ? 'suspended' : `${o.spec?.schedule ?? ''}${o.status?.active?.length ? `, ${o.status.active.length} active` : ''}`, health: o.spec?.suspend ? 'unknown' : 'healthy' };
    case 'Pod':
      return podStatus(o);
    case 'PersistentVolumeClaim':
      return { text: o.status?.phase ?? 'Pending', health: o.status?.phase === 'Bound' ? 'healthy' : o.status?.phase === 'Lost' ? 'failed' : 'progressing' };
    case 'Namespace':
      return { text: o.status?.phase ?? 'Active', health: o.status?.phase === 'Terminating' ? 'progressing' : 'healthy' };
    case 'Service':
      return { text: `${o.spec?.type ?? 'ClusterIP'} ${o.spec?.clusterIP ?? ''}`.trim(), health: 'healthy' };
    case 'Gateway':
      return gatewayStatus(o) ?? { text: '', health: 'unknown' };
    default:
      return ROUTE_KINDS.has(o.kind) ? routeStatus(o) : { text: '', health: 'unknown' };
  }
}

/** `5m`, `3h`, `12d` since a timestamp, like kubectl's AGE column. */
export function age(timestamp: string | undefined, now = Date.now()): string {
  if (!timestamp) return '';
  const s = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h` : `${Math.floor(h / 24)}d`;
}
