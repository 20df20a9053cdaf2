import { pathSegments } from './fields';
/**
 * Which fields kustomize's built-in transformers touch, per kind (kustomize's default
 * configuration, api/internal/konfig/builtinpluginconsts, v5). A path is slash-separated; lists on
 * the way are entered element by element; `\/` is a slash inside a key.
 */
export interface FieldSpec {
  path: string;
  group?: string;
  version?: string;
  kind?: string;
  /** Create the field (and the maps on the way) when absent. */
  create?: boolean;
  /** `path` split (pathSegments), for the built-in tables: split once, not per object of every build. */
  segments?: readonly string[];
}

const spec = (path: string, kind?: string, extra: Omit<FieldSpec, 'path' | 'kind'> = {}): FieldSpec => ({ path, ...(kind ? { kind } : {}), ...extra, segments: pathSegments(path) });

/** A spec's path segments. */
export function segmentsOf(s: FieldSpec): readonly string[] {
  return s.segments ?? pathSegments(s.path);
}

/** Pod-spec paths of the workload kinds, as the name-reference table lists them for ConfigMaps and Secrets. */
const POD_SPECS: readonly (readonly [kind: string, prefix: string, extra: Omit<FieldSpec, 'path' | 'kind'>])[] = [
  ['Pod', 'spec', { version: 'v1' }],
  ['PodTemplate', 'template/spec', {}],
  ['Deployment', 'spec/template/spec', {}],
  ['ReplicaSet', 'spec/template/spec', {}],
  ['DaemonSet', 'spec/template/spec', {}],
  ['StatefulSet', 'spec/template/spec', {}],
  ['Job', 'spec/template/spec', {}],
  ['CronJob', 'spec/jobTemplate/spec/template/spec', {}],
];

/** The kinds whose pod spec names ServiceAccounts, claims and priority classes (no ReplicaSet or PodTemplate there). */
const POD_SPECS_SHORT: readonly (readonly [string, string])[] = [
  ['Pod', 'spec'], ['StatefulSet', 'spec/template/spec'], ['Deployment', 'spec/template/spec'], ['ReplicationController', 'spec/template/spec'],
  ['CronJob', 'spec/jobTemplate/spec/template/spec'], ['Job', 'spec/template/spec'], ['DaemonSet', 'spec/template/spec'],
];

const inPodSpecs = (suffixes: string[]): FieldSpec[] => POD_SPECS.flatMap(([kind, prefix, extra]) => suffixes.map((s) => spec(`${prefix}/${s}`, kind, extra)));
const inShortPodSpecs = (suffix: string): FieldSpec[] => POD_SPECS_SHORT.map(([kind, prefix]) => spec(`${prefix}/${suffix}`, kind));

const containerPaths = (ref: string): string[] => ['containers', 'initContainers'].flatMap((c) => [`${c}/env/valueFrom/${ref}KeyRef/name`, `${c}/envFrom/${ref}Ref/name`]);

const RBAC = 'rbac.authorization.k8s.io';

/** Kind of object referred to → the fields that refer to one by name. */
export interface NameReference {
  kind: string;
  group?: string;
  version?: string;
  referrers: FieldSpec[];
}

const workloadTargets = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind): NameReference => ({ kind, referrers: [spec('spec/scaleTargetRef/name', 'HorizontalPodAutoscaler')] }));

export const NAME_REFERENCES: readonly NameReference[] = [
  ...workloadTargets,
  {
    kind: 'ConfigMap', version: 'v1', referrers: [
      ...inPodSpecs(['volumes/configMap/name', ...containerPaths('configMap'), 'volumes/projected/sources/configMap/name']),
      spec('spec/configSource/configMap', 'Node'), spec('rules/resourceNames', 'Role'), spec('rules/resourceNames', 'ClusterRole'),
      spec('metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', 'Ingress'),
    ],
  },
  {
    kind: 'Secret', version: 'v1', referrers: [
      ...inPodSpecs(['volumes/secret/secretName', ...containerPaths('secret'), 'imagePullSecrets/name', 'volumes/projected/sources/secret/name']),
      spec('spec/tls/secretName', 'Ingress'),
      spec('metadata/annotations/ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      spec('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      spec('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', 'Ingress'),
      spec('imagePullSecrets/name', 'ServiceAccount'),
      ...['secretName', 'adminSecretName', 'userSecretName', 'secretRef'].map((p) => spec(`parameters/${p}`, 'StorageClass')),
      spec('rules/resourceNames', 'Role'), spec('rules/resourceNames', 'ClusterRole'),
      spec('spec/template/spec/containers/env/valueFrom/secretKeyRef/name', 'Service', { group: 'serving.knative.dev', version: 'v1' }),
      spec('spec/azureFile/secretName', 'PersistentVolume'),
    ],
  },
  {
    kind: 'Service', version: 'v1', referrers: [
      spec('spec/serviceName', 'StatefulSet', { group: 'apps' }),
      spec('spec/rules/http/paths/backend/serviceName', 'Ingress'), spec('spec/backend/serviceName', 'Ingress'),
      spec('spec/rules/http/paths/backend/service/name', 'Ingress'), spec('spec/defaultBackend/service/name', 'Ingress'),
      spec('spec/service/name', 'APIService', { group: 'apiregistration.k8s.io' }),
      spec('webhooks/clientConfig/service', 'ValidatingWebhookConfiguration', { group: 'admissionregistration.k8s.io' }),
      spec('webhooks/clientConfig/service', 'MutatingWebhookConfiguration', { group: 'admissionregistration.k8s.io' }),
    ],
  },
  { kind: 'Role', group: RBAC, referrers: [spec('roleRef/name', 'RoleBinding', { group: RBAC })] },
  { kind: 'ClusterRole', group: RBAC, referrers: [spec('roleRef/name', 'RoleBinding', { group: RBAC }), spec('roleRef/name', 'ClusterRoleBinding', { group: RBAC })] },
  {
    kind: 'ServiceAccount', version: 'v1', referrers: [
      spec('subjects', 'RoleBinding', { group: RBAC }), spec('subjects', 'ClusterRoleBinding', { group: RBAC }), ...inShortPodSpecs('serviceAccountName'),
    ],
  },
  { kind: 'PersistentVolumeClaim', version: 'v1', referrers: inShortPodSpecs('volumes/persistentVolumeClaim/claimName') },
  { kind: 'PersistentVolume', version: 'v1', referrers: [spec('spec/volumeName', 'PersistentVolumeClaim'), spec('rules/resourceNames', 'ClusterRole')] },
  {
    kind: 'StorageClass', version: 'v1', group: 'storage.k8s.io', referrers: [
      spec('spec/storageClassName', 'PersistentVolume'), spec('spec/storageClassName', 'PersistentVolumeClaim'), spec('spec/volumeClaimTemplates/spec/storageClassName', 'StatefulSet'),
    ],
  },
  { kind: 'PriorityClass', version: 'v1', group: 'scheduling.k8s.io', referrers: inShortPodSpecs('priorityClassName') },
  // kustomize writes this group as `networking.k8s.io/v1`, so it never matches an IngressClass: kept as kustomize behaves.
  { kind: 'IngressClass', version: 'v1', group: 'networking.k8s.io/v1', referrers: [spec('spec/ingressClassName', 'Ingress')] },
  { kind: 'ValidatingAdmissionPolicy', group: 'admissionregistration.k8s.io', referrers: [spec('spec/policyName', 'ValidatingAdmissionPolicyBinding', { group: 'admissionregistration.k8s.io' })] },
];

const TEMPLATE_KINDS: readonly (readonly [string, Omit<FieldSpec, 'path' | 'kind'>])[] = [
  ['ReplicationController', { version: 'v1' }], ['Deployment', {}], ['ReplicaSet', {}], ['DaemonSet', {}], ['StatefulSet', { group: 'apps' }], ['Job', { group: 'batch' }],
];

export const VOLUME_CLAIM_TEMPLATE_LABELS: readonly FieldSpec[] = [spec('spec/volumeClaimTemplates[]/metadata/labels', 'StatefulSet', { group: 'apps', create: true })];

/**
 * `metadata/labels` of every object, of the pod templates and of StatefulSet claim templates
 * (kustomize's templateLabels as of v5.5, the kustomize of kubectl 1.32; later releases moved the
 * claim templates to `includeVolumeClaimTemplates`).
 */
export const METADATA_LABELS: readonly FieldSpec[] = [
  ...VOLUME_CLAIM_TEMPLATE_LABELS,
  spec('metadata/labels', undefined, { create: true }),
  ...TEMPLATE_KINDS.map(([kind, extra]) => spec('spec/template/metadata/labels', kind, { ...extra, create: true })),
  spec('spec/jobTemplate/metadata/labels', 'CronJob', { group: 'batch', create: true }),
  spec('spec/jobTemplate/spec/template/metadata/labels', 'CronJob', { group: 'batch', create: true }),
];


const AFFINITY = ['podAffinity', 'podAntiAffinity'].flatMap((a) => [
  `spec/template/spec/affinity/${a}/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels`,
  `spec/template/spec/affinity/${a}/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels`,
]);
const podSelectors = (kind: string): FieldSpec[] => [...AFFINITY, 'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels'].map((p) => spec(p, kind, { group: 'apps' }));

/** commonLabels, and `labels` with `includeSelectors`: selectors too. */
export const COMMON_LABELS: readonly FieldSpec[] = [
  spec('spec/selector', 'Service', { version: 'v1', create: true }),
  spec('spec/selector', 'ReplicationController', { version: 'v1', create: true }),
  spec('spec/selector/matchLabels', 'Deployment', { create: true }),
  ...podSelectors('Deployment'),
  spec('spec/selector/matchLabels', 'ReplicaSet', { create: true }),
  spec('spec/selector/matchLabels', 'DaemonSet', { create: true }),
  spec('spec/selector/matchLabels', 'StatefulSet', { group: 'apps', create: true }),
  ...podSelectors('StatefulSet'),
  spec('spec/selector/matchLabels', 'Job', { group: 'batch' }),
  spec('spec/jobTemplate/spec/selector/matchLabels', 'CronJob', { group: 'batch' }),
  spec('spec/selector/matchLabels', 'PodDisruptionBudget', { group: 'policy' }),
  ...['spec/podSelector/matchLabels', 'spec/ingress/from/podSelector/matchLabels', 'spec/egress/to/podSelector/matchLabels'].map((p) => spec(p, 'NetworkPolicy', { group: 'networking.k8s.io' })),
  ...METADATA_LABELS,
];

export const COMMON_ANNOTATIONS: readonly FieldSpec[] = [
  spec('metadata/annotations', undefined, { create: true }),
  spec('spec/template/metadata/annotations', 'ReplicationController', { version: 'v1', create: true }),
  ...['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'].map((kind) => spec('spec/template/metadata/annotations', kind, { create: true })),
  spec('spec/template/metadata/annotations', 'Job', { group: 'batch', create: true }),
  spec('spec/jobTemplate/metadata/annotations', 'CronJob', { group: 'batch', create: true }),
  spec('spec/jobTemplate/spec/template/metadata/annotations', 'CronJob', { group: 'batch', create: true }),
];

export const REPLICAS: readonly FieldSpec[] = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => spec('spec/replicas', kind, { create: true }));

/**
 * Image fields of kustomize's `images` table. kustomize first updates every `containers` and
 * `initContainers` list at any depth, then these fields again: a `tagSuffix` lands twice on them.
 */
export const IMAGE_FIELDS: readonly FieldSpec[] = ['spec', 'spec/template/spec'].flatMap((prefix) => [
  spec(`${prefix}/containers[]/image`), spec(`${prefix}/initContainers[]/image`), spec(`${prefix}/volumes[]/image/reference`),
]);

/** Whether a field spec's kind/group/version applies to an object's (an empty part matches all). */
export function specApplies(s: { group?: string; version?: string; kind?: string }, gvk: { group: string; version: string; kind: string }): boolean {
  return (!s.kind || s.kind === gvk.kind) && (!s.group || s.group === gvk.group) && (!s.version || s.version === gvk.version);
}
