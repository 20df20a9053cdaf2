import type { Resource } from '../model/resource';
import { holdsPatchDirectives } from '../kustomize/patch-document';
import { asArray, asObject, containersOf, podTemplateOf, stringMap, valueAt, type PodTemplate } from './pod-template';
import { producedObjects, producedPodLabels } from './producers';

export interface ContainerPortInfo {
  name?: string;
  containerPort?: number;
  protocol: string;
}

export interface ServicePortInfo {
  name?: string;
  port?: number;
  targetPort?: number | string;
  protocol: string;
}

/** A Kubernetes object as the workspace index sees it: identity plus what references point at. */
export interface IndexedObject {
  uri: string;
  resource: Resource;
  group: string;
  kind: string;
  name: string;
  /** Effective namespace: metadata.namespace, else `default`; '' for cluster-scoped kinds. */
  namespace: string;
  labels: Record<string, string>;
  template?: PodTemplate;
  /** Port names and numbers of every container of the pod template. */
  containerPorts: ContainerPortInfo[];
  /** ConfigMap data/binaryData keys; Secret data/stringData keys. */
  dataKeys?: ReadonlySet<string>;
  servicePorts?: ServicePortInfo[];
  /**
   * Set on objects a controller creates from a manifest (producers.ts): `Certificate "web"`. Their
   * `resource` and `uri` are the producer's; their container and Service ports are unknown.
   */
  producedBy?: string;
  /** The object is a strategic-merge patch by its own content (`$patch` and the like): not an object of its own. */
  patch?: boolean;
  /** Set when a tool makes the object (kustomize `configMapGenerator`): `resource` is then the generator entry. */
  generatedBy?: 'configMapGenerator' | 'secretGenerator';
}

/**
 * Built-in kinds without a namespace (group/kind, removed versions included): their references and
 * duplicates ignore namespaces. A custom `Node` of another group is not one of them.
 */
const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume', 'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'storage.k8s.io/StorageClass', 'networking.k8s.io/IngressClass', 'apiextensions.k8s.io/CustomResourceDefinition',
  'scheduling.k8s.io/PriorityClass', 'node.k8s.io/RuntimeClass', 'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration', 'apiregistration.k8s.io/APIService', 'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode', 'storage.k8s.io/VolumeAttachment', 'certificates.k8s.io/CertificateSigningRequest',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy', 'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration', 'policy/PodSecurityPolicy', 'extensions/PodSecurityPolicy',
  // Custom kinds whose CRD may not be in the workspace: their references resolve without a namespace.
  'gateway.networking.k8s.io/GatewayClass', 'cert-manager.io/ClusterIssuer',
]);

/** Whether a kind is namespaced: the catalog's answer when known, else the table above. */
export function isNamespacedKind(group: string, kind: string, namespaced?: boolean): boolean {
  return namespaced ?? !CLUSTER_SCOPED.has(`${group}/${kind}`);
}

export function effectiveNamespace(resource: Resource, namespaced?: boolean): string {
  if (!isNamespacedKind(resource.group, resource.kind, namespaced)) return '';
  return resource.namespace && resource.namespace !== '' ? resource.namespace : 'default';
}

export function indexObject(uri: string, resource: Resource, namespaced?: boolean): IndexedObject | undefined {
  if (!resource.name) return undefined;
  const template = podTemplateOf(resource);
  return {
    uri,
    resource,
    group: resource.group,
    kind: resource.kind,
    name: resource.name,
    namespace: effectiveNamespace(resource, namespaced),
    labels: stringMap(valueAt(resource.value, ['metadata', 'labels'])),
    template,
    containerPorts: template ? containerPortsOf(template) : [],
    dataKeys: dataKeysOf(resource),
    servicePorts: resource.kind === 'Service' && resource.group === '' ? servicePortsOf(resource) : undefined,
    ...(holdsPatchDirectives(resource) ? { patch: true } : {}),
  };
}

function containerPortsOf(template: PodTemplate): ContainerPortInfo[] {
  return containersOf(template).flatMap(({ container }) =>
    asArray(container.ports).map((p) => {
      const port = asObject(p) ?? {};
      return {
        name: typeof port.name === 'string' ? port.name : undefined,
        containerPort: typeof port.containerPort === 'number' ? port.containerPort : undefined,
        protocol: typeof port.protocol === 'string' ? port.protocol : 'TCP',
      };
    }),
  );
}

function dataKeysOf(resource: Resource): ReadonlySet<string> | undefined {
  if (resource.group !== '') return undefined;
  const fields = resource.kind === 'ConfigMap' ? ['data', 'binaryData'] : resource.kind === 'Secret' ? ['data', 'stringData'] : [];
  if (fields.length === 0) return undefined;
  return new Set(fields.flatMap((f) => Object.keys(asObject(resource.value[f]) ?? {})));
}

function servicePortsOf(resource: Resource): ServicePortInfo[] {
  return asArray(valueAt(resource.value, ['spec', 'ports'])).map((p) => {
    const port = asObject(p) ?? {};
    const target = port.targetPort;
    return {
      name: typeof port.name === 'string' ? port.name : undefined,
      port: typeof port.port === 'number' ? port.port : undefined,
      targetPort: typeof target === 'number' || typeof target === 'string' ? target : undefined,
      protocol: typeof port.protocol === 'string' ? port.protocol : 'TCP',
    };
  });
}

/** The objects controllers create from this one (the producers table), as index entries. */
export function indexProduced(object: IndexedObject): IndexedObject[] {
  const { resource } = object;
  const input = { group: object.group, kind: object.kind, name: object.name, namespace: object.namespace || 'default', value: resource.value };
  const producedBy = `${object.kind} "${object.name}"`;
  const base = { uri: object.uri, resource, group: '', namespace: input.namespace, labels: {}, containerPorts: [], producedBy };
  const objects: IndexedObject[] = producedObjects(input).map((p) => ({ ...base, kind: p.kind, name: p.name, dataKeys: p.keys }));
  const pods: IndexedObject[] = producedPodLabels(input).map((labels, i) => ({
    ...base,
    kind: 'Pod',
    name: `${object.name} (pods of ${object.kind}, ${i})`,
    template: { metadataPath: ['metadata'], specPath: ['spec'], labels, spec: {} },
  }));
  return [...objects, ...pods];
}
