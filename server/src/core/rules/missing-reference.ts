import type { Report, WorkspaceContext, Rule } from './rule';
import { isClusterScopedReference, referencesOf, type Reference } from '../workspace/references';
import { clusterLookup, missingSeverity, namespaceOf, searchedWhere, targets, unresolved, type ClusterLookup } from '../workspace/lookup';
import { clusterBuiltIn } from '../workspace/cluster-builtins';
import type { Workspace } from '../workspace/workspace';
import type { Fix } from '../findings';

/** Kinds of targets this rule owns; Ingress/HPA backends and StatefulSet services have rules of their own. */
const OWNED = new Set(['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ServiceAccount', 'IngressClass', 'Role', 'ClusterRole', 'GatewayClass', 'Issuer', 'ClusterIssuer']);

/** Classes come with the controller that implements them: a missing one is information, whatever the cluster says. */
const INSTALLED_WITH_CONTROLLER = new Set(['networking.k8s.io/IngressClass', 'gateway.networking.k8s.io/GatewayClass']);

/** Made once per cluster, usually with its set-up rather than beside the applications. */
const CLUSTER_SET_UP = new Set(['cert-manager.io/ClusterIssuer']);

/** Groups of custom kinds: the client's cluster index lists built-in kinds only, so it cannot tell these are absent. */
const NOT_IN_CLUSTER_INDEX = new Set(['cert-manager.io', 'gateway.networking.k8s.io']);

export const missingReference: Rule = {
  meta: {
    id: 'missing-reference',
    severity: 'warning',
    scope: 'workspace',
    checksPatches: true,
    description: 'A Secret, ConfigMap, PVC, ServiceAccount, IngressClass, GatewayClass, TLS secret, imagePullSecret, Role or cert-manager issuer that exists nowhere in the workspace (nor in the connected cluster).',
    docs: [
      'The API server accepts a Deployment that reads a Secret which does not exist; its pods then',
      'fail with `CreateContainerConfigError`. This rule looks for every referenced object among the',
      'manifests of the workspace (same namespace: `metadata.namespace`, else `default`).',
      '',
      'How sure it is: a name one or two edits from an object that exists (`db-credential` for',
      '`db-credentials`) is a warning with "did you mean"; the same name in another namespace is a',
      'warning that says where it is; a Secret or ServiceAccount that nothing in the workspace',
      'resembles is information, since those are usually created outside the repository',
      '(`kubectl create secret`, a vault operator, cloud IAM). Objects that controllers create from',
      'the manifests (the Secret of a cert-manager Certificate, of an ExternalSecret or SealedSecret,',
      'the Secrets and Services of a CloudNativePG Cluster, a Strimzi KafkaUser, Rook\'s mon Secret: the',
      'producers table) and objects every cluster has (the `default` ServiceAccount, the',
      '`kube-root-ca.crt` ConfigMap, the bootstrap RBAC roles) are never missing.',
      '',
      '`optional: true` references are never reported. When only some files are open (no workspace',
      'folder) a missing target is information, not a warning: it may live in a file not opened.',
      'IngressClasses and GatewayClasses are usually installed with the controller, so they are only',
      'information; TLS secrets of an Ingress or Gateway annotated for cert-manager are created by it',
      'and are not reported.',
      '',
      'Gateway API and cert-manager objects are read without their CRDs: a Gateway\'s',
      '`gatewayClassName` and listener `tls.certificateRefs` (core Secrets, in the namespace the',
      'reference names), a Certificate\'s `issuerRef` (an Issuer of its namespace, or a ClusterIssuer;',
      'issuers of other groups are external and not checked) and the `cert-manager.io/issuer` and',
      '`cert-manager.io/cluster-issuer` annotations of Ingresses and Gateways. An Issuer that is a',
      'ClusterIssuer of the workspace says so; a ClusterIssuer nothing resembles is information, as',
      'it is usually made with the cluster. The connected cluster is not asked about these kinds (its',
      'index lists built-in kinds only).',
      'ConfigMaps and Secrets a kustomization generates (`configMapGenerator`, `secretGenerator`)',
      'exist, and so does an object that a Kustomize patch of the workspace patches (its base may',
      'be elsewhere: kustomize refuses a patch without a target).',
      '',
      'When the editor is connected to a cluster, the objects of its active namespace count too: a',
      'target that exists only in the cluster is not reported (a manifest without `metadata.namespace`',
      'is looked up there in the active namespace, where `kubectl apply` would put it). A target that',
      'is in neither the workspace nor the cluster is then an error: applying the manifest would',
      'produce a pod that cannot start. While only some files are open it stays information.',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const workspace = ctx.workspace;
    if (!workspace) return [];
    const namespace = namespaceOf(ctx.resource);
    const certManaged = Object.keys((ctx.resource.value.metadata as { annotations?: object } | undefined)?.annotations ?? {}).some((a) => a.startsWith('cert-manager.io/'));
    return referencesOf(ctx.resource).flatMap((ref): Report[] => {
      if (!OWNED.has(ref.kind) || ref.optional) return [];
      if (certManaged && ref.kind === 'Secret' && isTlsSecret(ref)) return [];
      const targetNamespace = targetNamespaceOf(ref, namespace);
      if (targets(workspace, ref.group, ref.kind, targetNamespace, ref.name).length > 0) return [];
      if (clusterBuiltIn(ref.group, ref.kind, targetNamespace, ref.name)) return [];
      // Only an overlay's patch names it: the object is in a base (kustomize refuses a patch without target).
      if (workspace.index.isPatched(ref.group, ref.kind, targetNamespace, ref.name)) return [];
      const cluster = NOT_IN_CLUSTER_INDEX.has(ref.group) ? undefined : clusterLookup(workspace, ctx.resource, ref, isClusterScopedReference(ref));
      if (cluster?.object) return [];
      return [{ ...report(ref, targetNamespace, workspace, cluster), fixes: createFix(ctx, ref, targetNamespace) }];
    });
  },
};

/** An Ingress `spec.tls[].secretName` or a Gateway listener's `tls.certificateRefs[]`: what cert-manager's shims create. */
function isTlsSecret(ref: Reference): boolean {
  return ref.path[1] === 'tls' || (ref.path[1] === 'listeners' && ref.path[3] === 'tls');
}

function targetNamespaceOf(ref: Reference, namespace: string): string {
  return isClusterScopedReference(ref) ? '' : (ref.namespace ?? namespace);
}

/** Missing from the workspace, and from the cluster when one is connected (then an error). */
function report(ref: Reference, namespace: string, workspace: Workspace, cluster: ClusterLookup | undefined): Report {
  const where = `${ref.kind} "${ref.name}" not found in ${searchedWhere(workspace, namespace)}`;
  // The connected cluster is the authority: not there either means the pod cannot start.
  // IngressClasses come with the controller: information even then.
  const withController = INSTALLED_WITH_CONTROLLER.has(`${ref.group}/${ref.kind}`);
  if (cluster) return { path: ref.path, at: 'value', severity: workspace.complete && !withController ? 'error' : 'info', message: `${where} or in ${cluster.where}` };
  const clusterIssuer = issuerIsClusterIssuer(workspace, ref);
  if (clusterIssuer) return { path: ref.path, at: 'value', severity: missingSeverity(workspace, 'warning'), message: `${where}; a ClusterIssuer "${ref.name}" exists: ${clusterIssuer}` };
  const createdElsewhere = CLUSTER_SET_UP.has(`${ref.group}/${ref.kind}`) || undefined;
  const { severity, hint } = unresolved(workspace, ref, namespace, 'warning', createdElsewhere);
  return { path: ref.path, at: 'value', severity: withController ? 'info' : severity, message: `${where}${hint}` };
}

/** An Issuer that is a ClusterIssuer of the workspace (the commonest cert-manager slip): what to write instead. */
function issuerIsClusterIssuer(workspace: Workspace, ref: Reference): string | undefined {
  if (ref.group !== 'cert-manager.io' || ref.kind !== 'Issuer' || workspace.index.find('cert-manager.io', 'ClusterIssuer', '', ref.name).length === 0) return undefined;
  return ref.path[0] === 'metadata' ? 'use the annotation cert-manager.io/cluster-issuer' : 'set issuerRef.kind: ClusterIssuer';
}

/** "Create ConfigMap x": a new document at the end of this file, with the keys the workload reads. */
function createFix(ctx: WorkspaceContext, ref: Reference, namespace: string): Fix[] | undefined {
  if (ref.kind !== 'ConfigMap' && ref.kind !== 'Secret') return undefined;
  const keys = [...new Set(referencesOf(ctx.resource).filter((r) => r.kind === ref.kind && r.name === ref.name).flatMap((r) => r.keys.map((k) => k.key)))];
  const field = ref.kind === 'Secret' ? 'stringData' : 'data';
  const body = keys.length ? `${field}:\n${keys.map((k) => `  ${/^[\w.-]+$/.test(k) ? k : JSON.stringify(k)}: ""`).join('\n')}\n` : `${field}: {}\n`;
  const ns = ctx.resource.namespace ? `  namespace: ${namespace}\n` : '';
  const text = ctx.file.text;
  const doc = `${text.endsWith('\n') || text === '' ? '' : '\n'}---\napiVersion: v1\nkind: ${ref.kind}\nmetadata:\n  name: ${ref.name}\n${ns}${ref.kind === 'Secret' ? 'type: Opaque\n' : ''}${body}`;
  return [{ title: `Create ${ref.kind} "${ref.name}" in this file`, edits: [{ start: text.length, end: text.length, newText: doc }] }];
}
