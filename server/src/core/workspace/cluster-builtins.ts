/**
 * Objects every Kubernetes cluster has without any manifest: what the API server bootstraps
 * (RBAC roles, the `kubernetes` Service, the system namespaces and priority classes) and what
 * controllers create in every namespace (the `default` ServiceAccount, the `kube-root-ca.crt`
 * ConfigMap). References to them are never missing. Sources: the API server's RBAC bootstrap
 * policy and the root-CA publisher / service-account controllers of kube-controller-manager.
 */

interface BuiltIn {
  group: string;
  kind: string;
  /** Exact name or a pattern (the `system:` families). */
  name: string | RegExp;
  /** Undefined: in every namespace; '' for cluster-scoped objects. */
  namespace?: string;
  keys?: readonly string[];
}

const BUILT_INS: readonly BuiltIn[] = [
  { group: '', kind: 'ServiceAccount', name: 'default' },
  { group: '', kind: 'ConfigMap', name: 'kube-root-ca.crt', keys: ['ca.crt'] },
  { group: '', kind: 'Service', name: 'kubernetes', namespace: 'default' },
  { group: '', kind: 'Namespace', name: /^(default|kube-system|kube-public|kube-node-lease)$/, namespace: '' },
  { group: 'scheduling.k8s.io', kind: 'PriorityClass', name: /^system-(cluster|node)-critical$/, namespace: '' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: /^(cluster-admin|admin|edit|view|system:.+)$/, namespace: '' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding', name: /^(cluster-admin|system:.+)$/, namespace: '' },
  { group: 'rbac.authorization.k8s.io', kind: 'Role', name: /^(extension-apiserver-authentication-reader|system:.+|system::.+)$/, namespace: 'kube-system' },
  { group: 'rbac.authorization.k8s.io', kind: 'Role', name: /^system:controller:bootstrap-signer$/, namespace: 'kube-public' },
  { group: '', kind: 'ConfigMap', name: 'extension-apiserver-authentication', namespace: 'kube-system', keys: ['client-ca-file', 'requestheader-allowed-names', 'requestheader-client-ca-file', 'requestheader-extra-headers-prefix', 'requestheader-group-headers', 'requestheader-username-headers'] },
  { group: '', kind: 'ConfigMap', name: 'cluster-info', namespace: 'kube-public' },
];

export interface BuiltInMatch {
  /** Data keys when known (a ConfigMap), else undefined. */
  keys?: ReadonlySet<string>;
}

/** The built-in object with this identity, if every cluster has one. */
export function clusterBuiltIn(group: string, kind: string, namespace: string, name: string): BuiltInMatch | undefined {
  for (const b of BUILT_INS) {
    if (b.group !== group || b.kind !== kind) continue;
    if (b.namespace !== undefined && b.namespace !== namespace) continue;
    if (typeof b.name === 'string' ? b.name !== name : !b.name.test(name)) continue;
    return { keys: b.keys ? new Set(b.keys) : undefined };
  }
  return undefined;
}
