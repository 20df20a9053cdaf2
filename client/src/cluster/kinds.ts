// The kinds the explorer shows, in its groups, and the REST paths of their objects.
export interface KindInfo {
  group: string; // '' for core
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** Label of the kind's folder in the tree ("Deployments"). */
  label: string;
}

export interface KindGroup {
  id: string;
  label: string;
  kinds: KindInfo[];
}

const k = (group: string, version: string, kind: string, plural: string, label: string, namespaced = true): KindInfo => ({ group, version, kind, plural, namespaced, label });

export const DEPLOYMENT = k('apps', 'v1', 'Deployment', 'deployments', 'Deployments');
export const STATEFULSET = k('apps', 'v1', 'StatefulSet', 'statefulsets', 'StatefulSets');
export const DAEMONSET = k('apps', 'v1', 'DaemonSet', 'daemonsets', 'DaemonSets');
export const JOB = k('batch', 'v1', 'Job', 'jobs', 'Jobs');
export const CRONJOB = k('batch', 'v1', 'CronJob', 'cronjobs', 'CronJobs');
export const POD = k('', 'v1', 'Pod', 'pods', 'Pods');
export const SERVICE = k('', 'v1', 'Service', 'services', 'Services');
export const INGRESS = k('networking.k8s.io', 'v1', 'Ingress', 'ingresses', 'Ingresses');
export const CONFIGMAP = k('', 'v1', 'ConfigMap', 'configmaps', 'ConfigMaps');
export const SECRET = k('', 'v1', 'Secret', 'secrets', 'Secrets');
export const PVC = k('', 'v1', 'PersistentVolumeClaim', 'persistentvolumeclaims', 'PersistentVolumeClaims');
export const SERVICEACCOUNT = k('', 'v1', 'ServiceAccount', 'serviceaccounts', 'ServiceAccounts');
export const NAMESPACE = k('', 'v1', 'Namespace', 'namespaces', 'Namespaces', false);
export const EVENT = k('', 'v1', 'Event', 'events', 'Events');
export const INGRESSCLASS = k('networking.k8s.io', 'v1', 'IngressClass', 'ingressclasses', 'IngressClasses', false);
export const ROLE = k('rbac.authorization.k8s.io', 'v1', 'Role', 'roles', 'Roles');
export const CLUSTERROLE = k('rbac.authorization.k8s.io', 'v1', 'ClusterRole', 'clusterroles', 'ClusterRoles', false);
export const REPLICASET = k('apps', 'v1', 'ReplicaSet', 'replicasets', 'ReplicaSets');

/**
 * Gateway API kinds the Network folder shows when the cluster serves them, with the version the
 * standard channel serves them in (the explorer takes the one the cluster lists).
 */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
export const GATEWAY = k(GATEWAY_API_GROUP, 'v1', 'Gateway', 'gateways', 'Gateways');
export const HTTPROUTE = k(GATEWAY_API_GROUP, 'v1', 'HTTPRoute', 'httproutes', 'HTTPRoutes');
export const GRPCROUTE = k(GATEWAY_API_GROUP, 'v1', 'GRPCRoute', 'grpcroutes', 'GRPCRoutes');
export const GATEWAY_API_KINDS: KindInfo[] = [
  GATEWAY, HTTPROUTE, GRPCROUTE,
  k(GATEWAY_API_GROUP, 'v1alpha2', 'TLSRoute', 'tlsroutes', 'TLSRoutes'),
  k(GATEWAY_API_GROUP, 'v1alpha2', 'TCPRoute', 'tcproutes', 'TCPRoutes'),
  k(GATEWAY_API_GROUP, 'v1alpha2', 'UDPRoute', 'udproutes', 'UDPRoutes'),
];

export const KIND_GROUPS: KindGroup[] = [
  { id: 'workloads', label: 'Workloads', kinds: [DEPLOYMENT, STATEFULSET, DAEMONSET, JOB, CRONJOB, POD] },
  { id: 'network', label: 'Network', kinds: [SERVICE, INGRESS] },
  { id: 'config', label: 'Config', kinds: [CONFIGMAP, SECRET] },
  { id: 'storage', label: 'Storage', kinds: [PVC] },
];

const KNOWN = [...KIND_GROUPS.flatMap((g) => g.kinds), SERVICEACCOUNT, NAMESPACE, EVENT, REPLICASET, INGRESSCLASS, ROLE, CLUSTERROLE, GATEWAY, HTTPROUTE, GRPCROUTE];

/** Groups whose kinds are part of Kubernetes itself (never listed as custom resources). */
export function isBuiltInGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

export const apiVersionOf = (k: KindInfo): string => (k.group ? `${k.group}/${k.version}` : k.version);

export function kindOf(apiVersion: string, kind: string): KindInfo | undefined {
  return KNOWN.find((x) => apiVersionOf(x) === apiVersion && x.kind === kind);
}

/** `/api/v1/namespaces/demo/pods/web/log` and friends. */
export function resourcePath(k: KindInfo, namespace?: string, name?: string, sub?: string): string {
  const base = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  const ns = k.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${k.plural}${name ? `/${encodeURIComponent(name)}` : ''}${sub ? `/${sub}` : ''}`;
}

export const isWorkload = (k: KindInfo): boolean => [DEPLOYMENT, STATEFULSET, DAEMONSET, JOB, REPLICASET].some((w) => w.kind === k.kind && w.group === k.group);
