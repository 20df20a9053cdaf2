// Which pod and container port a port-forward reaches, as `kubectl port-forward` decides it: a
// Pod is itself; a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet) or a Service picks
// one ready, running pod of its selector; a Service port maps to its targetPort, which may name
// a container port of that pod.
import { ClusterError, type ClusterConnection } from './connection';
import { POD, resourcePath } from './kinds';
import { selectorString } from './workload-pods';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ForwardTarget {
  namespace: string;
  pod: string;
  /** The container port the bytes reach. */
  port: number;
}

/** The ports a user can pick for an object: the Service's ports, else the pods' container ports. */
export function forwardablePorts(object: Obj): { port: number; name?: string; label: string }[] {
  if (object.kind === 'Service') return ((object.spec?.ports ?? []) as Obj[]).map((p) => ({ port: Number(p.port), name: p.name, label: `${p.port}${p.name ? ` (${p.name})` : ''} → ${p.targetPort ?? p.port}` }));
  const spec = object.kind === 'Pod' ? object.spec : object.spec?.template?.spec;
  return ((spec?.containers ?? []) as Obj[]).flatMap((c) => ((c.ports ?? []) as Obj[]).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => ({ port: Number(p.containerPort), name: p.name, label: `${p.containerPort}${p.name ? ` (${p.name})` : ''} in ${c.name}` })));
}

export function isReadyPod(pod: Obj): boolean {
  return pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp && ((pod.status?.conditions ?? []) as Obj[]).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** A ready pod of the selector (the oldest, for stable choices), else a running one, else an error. */
export async function pickPod(conn: ClusterConnection, namespace: string, selector: Obj | undefined, what: string, signal?: AbortSignal): Promise<Obj> {
  const labels = selectorString(selector);
  if (!labels) throw new ClusterError('invalid', `${what} selects no pods (it has no selector).`);
  const list = await conn.request<Obj>({ path: resourcePath(POD, namespace), query: { labelSelector: labels }, signal });
  const pods = ((list.items ?? []) as Obj[]).sort((a, b) => String(a.metadata?.creationTimestamp).localeCompare(String(b.metadata?.creationTimestamp)));
  const pod = pods.find(isReadyPod) ?? pods.find((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp);
  if (!pod) throw new ClusterError('not-found', `${what} has no running pod${pods.length ? ` (${pods.length} pods, none running)` : ''}.`);
  return pod;
}

/** The container port of `pod` that a Service's targetPort names (or numbers). */
export function containerPortOf(pod: Obj, targetPort: number | string): number | undefined {
  if (typeof targetPort === 'number' || /^\d+$/.test(targetPort)) return Number(targetPort);
  for (const c of (pod.spec?.containers ?? []) as Obj[]) for (const p of (c.ports ?? []) as Obj[]) if (p.name === targetPort) return Number(p.containerPort);
  return undefined;
}

/**
 * Resolves an object and a port (for a Service its `port` or port name; else a container port)
 * to the pod and container port to forward to, now. Called again when the pod goes away.
 */
export async function resolveForwardTarget(conn: ClusterConnection, object: Obj, port: number | string, signal?: AbortSignal): Promise<ForwardTarget> {
  const namespace = String(object.metadata?.namespace ?? 'default');
  const what = `${object.kind} ${namespace}/${object.metadata?.name}`;
  if (object.kind === 'Pod') {
    const pod = await conn.request<Obj>({ path: resourcePath(POD, namespace, String(object.metadata.name)), signal });
    if (pod.status?.phase !== 'Running') throw new ClusterError('invalid', `Pod ${namespace}/${pod.metadata.name} is not running (${pod.status?.phase ?? 'Unknown'}).`);
    return { namespace, pod: String(pod.metadata.name), port: namedPort(pod, port) };
  }
  if (object.kind === 'Service') {
    const ports = (object.spec?.ports ?? []) as Obj[];
    const servicePort = ports.find((p) => String(p.port) === String(port) || (p.name && p.name === port));
    if (!servicePort) throw new ClusterError('invalid', `${what} has no port ${port} (it has ${ports.map((p) => p.port).join(', ') || 'none'}).`);
    const pod = await pickPod(conn, namespace, object.spec?.selector ? { matchLabels: object.spec.selector } : undefined, what, signal);
    const target = containerPortOf(pod, servicePort.targetPort ?? servicePort.port);
    if (target === undefined) throw new ClusterError('invalid', `${what} port ${servicePort.port} targets "${servicePort.targetPort}", which no container of pod ${pod.metadata.name} names.`);
    return { namespace, pod: String(pod.metadata.name), port: target };
  }
  const pod = await pickPod(conn, namespace, object.spec?.selector, what, signal);
  return { namespace, pod: String(pod.metadata.name), port: namedPort(pod, port) };
}

function namedPort(pod: Obj, port: number | string): number {
  const target = containerPortOf(pod, port);
  if (target === undefined) throw new ClusterError('invalid', `No container of pod ${pod.metadata.name} has a port named "${port}".`);
  return target;
}
