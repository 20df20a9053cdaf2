import type { FieldPath } from '../model/path';
import { splitApiVersion, type Resource } from '../model/resource';
import { asArray, asObject, containersOf, podTemplateOf, stringMap, valueAt } from './pod-template';
import { backendRefsOf, certificateRefsOf, GATEWAY_GROUP, isGateway, isGatewayRoute, parentRefsOf, type ObjectRef } from './gateway-api';

/** One place where an object names another object. */
export interface Reference {
  /** The target's group and kind. */
  group: string;
  kind: string;
  name: string;
  /** Path of the name's value below the referring resource. */
  path: FieldPath;
  /** Keys the reference needs from a ConfigMap or Secret, with the path of each key's value. */
  keys: { key: string; path: FieldPath }[];
  /** `optional: true`: a missing target or key is fine. */
  optional: boolean;
  /** Target namespace when it differs from the referrer's (RoleBinding subjects). */
  namespace?: string;
}

type Obj = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** Every reference a resource makes, in document order of kinds of references. */
export function referencesOf(resource: Resource): Reference[] {
  const out: Reference[] = [];
  const template = podTemplateOf(resource);
  if (template) podSpecReferences(template.spec, template.specPath, out);
  const v = resource.value;
  if (resource.kind === 'Ingress' && resource.group === 'networking.k8s.io') ingressReferences(v, out);
  if (resource.kind === 'HorizontalPodAutoscaler' && resource.group === 'autoscaling') scaleTargetReference(v, out);
  if (resource.kind === 'StatefulSet' && (resource.group === 'apps' || resource.group === 'apps.kruise.io')) add(out, '', 'Service', valueAt(v, ['spec', 'serviceName']), ['spec', 'serviceName']);
  if (resource.kind === 'Rollout' && resource.group === 'argoproj.io') workloadReference(v, out);
  if ((resource.kind === 'RoleBinding' || resource.kind === 'ClusterRoleBinding') && resource.group === 'rbac.authorization.k8s.io') roleBindingReferences(v, out);
  if (isGateway(resource)) gatewayReferences(resource, out);
  if (isGatewayRoute(resource)) routeReferences(resource, out);
  if (resource.group === 'cert-manager.io' && (resource.kind === 'Certificate' || resource.kind === 'CertificateRequest')) issuerReference(v, out);
  if (isGateway(resource) || (resource.kind === 'Ingress' && resource.group === 'networking.k8s.io')) issuerAnnotations(v, out);
  return out;
}

function add(out: Reference[], group: string, kind: string, name: unknown, path: FieldPath, extra: Partial<Reference> = {}): void {
  const n = str(name);
  if (n) out.push({ group, kind, name: n, path, keys: [], optional: false, ...extra });
}

function podSpecReferences(spec: Obj, specPath: FieldPath, out: Reference[]): void {
  const sa = str(spec.serviceAccountName) ?? str(spec.serviceAccount);
  // Every namespace has a `default` ServiceAccount; naming it is never a broken link.
  if (sa && sa !== 'default') add(out, '', 'ServiceAccount', sa, [...specPath, spec.serviceAccountName !== undefined ? 'serviceAccountName' : 'serviceAccount']);
  asArray(spec.imagePullSecrets).forEach((s, i) => add(out, '', 'Secret', asObject(s)?.name, [...specPath, 'imagePullSecrets', i, 'name']));
  asArray(spec.volumes).forEach((vol, i) => volumeReferences(asObject(vol) ?? {}, [...specPath, 'volumes', i], out));
  for (const { container, path } of containersOf({ spec, specPath, metadataPath: [], labels: {} })) {
    asArray(container.env).forEach((e, i) => {
      const from = asObject(asObject(e)?.valueFrom);
      if (!from) return;
      for (const [field, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
        const ref = asObject(from[field]);
        if (!ref) continue;
        const base = [...path, 'env', i, 'valueFrom', field];
        const key = str(ref.key);
        add(out, '', kind, ref.name, [...base, 'name'], { optional: ref.optional === true, keys: key ? [{ key, path: [...base, 'key'] }] : [] });
      }
    });
    asArray(container.envFrom).forEach((e, i) => {
      for (const [field, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
        const ref = asObject(asObject(e)?.[field]);
        if (ref) add(out, '', kind, ref.name, [...path, 'envFrom', i, field, 'name'], { optional: ref.optional === true });
      }
    });
  }
}

function itemKeys(source: Obj, base: FieldPath): { key: string; path: FieldPath }[] {
  return asArray(source.items).flatMap((item, i) => {
    const key = str(asObject(item)?.key);
    return key ? [{ key, path: [...base, 'items', i, 'key'] }] : [];
  });
}

function volumeReferences(volume: Obj, path: FieldPath, out: Reference[]): void {
  const cm = asObject(volume.configMap);
  if (cm) add(out, '', 'ConfigMap', cm.name, [...path, 'configMap', 'name'], { optional: cm.optional === true, keys: itemKeys(cm, [...path, 'configMap']) });
  const secret = asObject(volume.secret);
  if (secret) add(out, '', 'Secret', secret.secretName, [...path, 'secret', 'secretName'], { optional: secret.optional === true, keys: itemKeys(secret, [...path, 'secret']) });
  const pvc = asObject(volume.persistentVolumeClaim);
  if (pvc) add(out, '', 'PersistentVolumeClaim', pvc.claimName, [...path, 'persistentVolumeClaim', 'claimName']);
  asArray(asObject(volume.projected)?.sources).forEach((s, i) => {
    const source = asObject(s) ?? {};
    const base = [...path, 'projected', 'sources', i];
    for (const [field, kind] of [['configMap', 'ConfigMap'], ['secret', 'Secret']] as const) {
      const ref = asObject(source[field]);
      if (ref) add(out, '', kind, ref.name, [...base, field, 'name'], { optional: ref.optional === true, keys: itemKeys(ref, [...base, field]) });
    }
  });
}

function ingressReferences(v: Obj, out: Reference[]): void {
  add(out, 'networking.k8s.io', 'IngressClass', valueAt(v, ['spec', 'ingressClassName']), ['spec', 'ingressClassName']);
  add(out, '', 'Service', valueAt(v, ['spec', 'defaultBackend', 'service', 'name']), ['spec', 'defaultBackend', 'service', 'name']);
  asArray(valueAt(v, ['spec', 'tls'])).forEach((t, i) => add(out, '', 'Secret', asObject(t)?.secretName, ['spec', 'tls', i, 'secretName']));
  asArray(valueAt(v, ['spec', 'rules'])).forEach((r, i) => {
    asArray(valueAt(r, ['http', 'paths'])).forEach((p, j) => {
      add(out, '', 'Service', valueAt(p, ['backend', 'service', 'name']), ['spec', 'rules', i, 'http', 'paths', j, 'backend', 'service', 'name']);
    });
  });
}

/** What an HPA scales: `apiVersion` gives the group (`argoproj.io/v1alpha1` Rollout is not an apps Deployment). */
export function scaleTargetOf(hpa: Obj): { group: string; kind: string; name: string } | undefined {
  const target = asObject(valueAt(hpa, ['spec', 'scaleTargetRef']));
  if (!target || typeof target.apiVersion !== 'string' || typeof target.kind !== 'string' || !str(target.name)) return undefined;
  return { group: splitApiVersion(target.apiVersion).group, kind: target.kind, name: target.name as string };
}

function scaleTargetReference(v: Obj, out: Reference[]): void {
  const target = scaleTargetOf(v);
  if (target) add(out, target.group, target.kind, target.name, ['spec', 'scaleTargetRef', 'name']);
}

/** An Argo Rollout's `spec.workloadRef`: the Deployment (or other workload) whose pod template it runs. */
function workloadReference(v: Obj, out: Reference[]): void {
  const ref = asObject(valueAt(v, ['spec', 'workloadRef']));
  if (!ref || typeof ref.apiVersion !== 'string' || typeof ref.kind !== 'string') return;
  add(out, splitApiVersion(ref.apiVersion).group, ref.kind, ref.name, ['spec', 'workloadRef', 'name']);
}

const CLUSTER_SCOPED_TARGETS = new Set(['networking.k8s.io/IngressClass', 'rbac.authorization.k8s.io/ClusterRole', `${GATEWAY_GROUP}/GatewayClass`, 'cert-manager.io/ClusterIssuer']);

/** References to cluster-scoped objects resolve without a namespace. */
export function isClusterScopedReference(ref: { group: string; kind: string }): boolean {
  return CLUSTER_SCOPED_TARGETS.has(`${ref.group}/${ref.kind}`);
}

function addObjectRef(out: Reference[], ref: ObjectRef): void {
  add(out, ref.group, ref.kind, ref.name, [...ref.path, 'name'], ref.namespace ? { namespace: ref.namespace } : {});
}

/** A Gateway's class and its listeners' TLS Secrets (core Secrets only: other kinds are an implementation's). */
function gatewayReferences(resource: Resource, out: Reference[]): void {
  add(out, GATEWAY_GROUP, 'GatewayClass', valueAt(resource.value, ['spec', 'gatewayClassName']), ['spec', 'gatewayClassName']);
  for (const ref of certificateRefsOf(resource)) if (ref.group === '' && ref.kind === 'Secret') addObjectRef(out, ref);
}

/** A route's Gateways and Service backends (other parent and backend kinds are an implementation's). */
function routeReferences(resource: Resource, out: Reference[]): void {
  for (const ref of parentRefsOf(resource)) if (ref.group === GATEWAY_GROUP && ref.kind === 'Gateway') addObjectRef(out, ref);
  for (const ref of backendRefsOf(resource)) if (ref.group === '' && ref.kind === 'Service') addObjectRef(out, ref);
}

/** cert-manager's `issuerRef`: an Issuer of the same namespace unless kind says ClusterIssuer; other groups are external issuers. */
function issuerReference(v: Obj, out: Reference[]): void {
  const ref = asObject(valueAt(v, ['spec', 'issuerRef']));
  if (!ref || (ref.group !== undefined && ref.group !== 'cert-manager.io')) return;
  const kind = ref.kind === undefined ? 'Issuer' : ref.kind;
  if (kind === 'Issuer' || kind === 'ClusterIssuer') add(out, 'cert-manager.io', kind, ref.name, ['spec', 'issuerRef', 'name']);
}

/** The issuer annotations cert-manager's ingress and gateway shims read. */
function issuerAnnotations(v: Obj, out: Reference[]): void {
  const annotations = stringMap(valueAt(v, ['metadata', 'annotations']));
  const group = annotations['cert-manager.io/issuer-group'];
  if (group !== undefined && group !== 'cert-manager.io') return;
  const issuerKind = annotations['cert-manager.io/issuer-kind'] ?? 'Issuer';
  if (issuerKind === 'Issuer' || issuerKind === 'ClusterIssuer') add(out, 'cert-manager.io', issuerKind, annotations['cert-manager.io/issuer'], ['metadata', 'annotations', 'cert-manager.io/issuer']);
  add(out, 'cert-manager.io', 'ClusterIssuer', annotations['cert-manager.io/cluster-issuer'], ['metadata', 'annotations', 'cert-manager.io/cluster-issuer']);
}

function roleBindingReferences(v: Obj, out: Reference[]): void {
  const roleRef = asObject(v.roleRef);
  // roleRef.apiGroup is required and only rbac.authorization.k8s.io is accepted; a missing one is the schema's finding.
  if (roleRef && (roleRef.apiGroup === undefined || roleRef.apiGroup === 'rbac.authorization.k8s.io') && (roleRef.kind === 'Role' || roleRef.kind === 'ClusterRole')) add(out, 'rbac.authorization.k8s.io', roleRef.kind, roleRef.name, ['roleRef', 'name']);
  asArray(v.subjects).forEach((s, i) => {
    const subject = asObject(s);
    // A ServiceAccount subject is of the core group (apiGroup "" or absent).
    if (subject?.kind !== 'ServiceAccount' || (subject.apiGroup !== undefined && subject.apiGroup !== '') || subject.name === 'default') return;
    add(out, '', 'ServiceAccount', subject.name, ['subjects', i, 'name'], { namespace: str(subject.namespace) });
  });
}
