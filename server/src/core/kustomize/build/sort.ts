import type { BuiltResource } from './resource';

/** kustomize's default ("legacy") output order: these kinds first, in this order, then the others, then the webhook configurations. */
const FIRST = [
  'Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole',
  'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume',
  'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget',
];
const LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function rank(kind: string): number {
  const first = FIRST.indexOf(kind);
  if (first >= 0) return first - FIRST.length;
  const last = LAST.indexOf(kind);
  return last >= 0 ? 1 + last : 0;
}

/** Sorted as `kustomize build` prints by default: by kind rank, then by id (group, version, kind, namespace, name). */
export function legacyOrder(resources: readonly BuiltResource[]): BuiltResource[] {
  const key = (r: BuiltResource) => { const id = r.id; return `${id.group}~${id.version}~${id.kind}~${id.namespace}~${id.name}`; };
  return [...resources].sort((a, b) => rank(a.id.kind) - rank(b.id.kind) || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
