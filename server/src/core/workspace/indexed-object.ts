import type { Resource } from '../model/resource';
import { holdsPatchDirectives } from '../kustomize/patch-document';
import { asArray, asObject, containersOf, podTemplateOf, stringMap, valueAt, type PodTemplate } from './pod-template';

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
  /** The object is a strategic-merge patch by its own content (`$patch` and the like): not an object of its own. */
  patch?: boolean;
  /** Set when a tool makes the object (kustomize `configMapGenerator`): `resource` is then the generator entry. */
  generatedBy?: 'configMapGenerator' | 'secretGenerator';
}

/** Kinds without a namespace: their references and duplicates ignore namespaces. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'ClusterRole', 'ClusterRoleBinding', 'StorageClass', 'IngressClass',
  'CustomResourceDefinition', 'PriorityClass', 'RuntimeClass', 'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration', 'APIService', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CertificateSigningRequest',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'FlowSchema', 'PriorityLevelConfiguration',
]);

/** Whether a kind is namespaced: the catalog's answer when known, else the table above. */
export function isNamespacedKind(kind: string, namespaced?: boolean): boolean {
  return namespaced ?? !CLUSTER_SCOPED.has(kind);
}

export function effectiveNamespace(resource: Resource, namespaced?: boolean): string {
  if (!isNamespacedKind(resource.kind, namespaced)) return '';
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
