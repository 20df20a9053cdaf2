// The API server's defaults (../shared/k8s-rules.md §16, `pkg/apis/{core,apps,batch}/v1/defaults.go`),
// one table for both ends: the language server fills them in before comparing two versions of an
// object (server/src/core/immutable/defaults.ts), so writing a default or leaving it out is not a
// change; the cluster explorer removes them when it exports a live object (client/src/cluster/export.ts).
// Each value is named in §16 or in the field's description in the 1.35 OpenAPI documents
// (../shared/k8s-openapi/1.35); the comment after it says which. Pure data and functions, no imports.

/** Field → the value the API server gives it when it is absent. */
export type Defaults = { readonly [field: string]: unknown };

/** PodSpec, of Pods and of every pod template (`SetDefaults_PodSpec`). */
export const POD_SPEC_DEFAULTS: Defaults = {
  restartPolicy: 'Always', // §16; OpenAPI "Default to Always"
  dnsPolicy: 'ClusterFirst', // §16; OpenAPI "Defaults to \"ClusterFirst\""
  terminationGracePeriodSeconds: 30, // §16; OpenAPI "Defaults to 30 seconds"
  schedulerName: 'default-scheduler', // §16
  securityContext: {}, // §16; OpenAPI "Defaults to empty"
};

/**
 * PodSpec of a Pod only: set when the Pod is created, never in a template (so a template that writes
 * them out differs from one that does not, although the pods it makes end up the same).
 */
export const POD_ONLY_DEFAULTS: Defaults = {
  enableServiceLinks: true, // §16 ("Pod only"); OpenAPI "Defaults to true"
  preemptionPolicy: 'PreemptLowerPriority', // OpenAPI "Defaults to PreemptLowerPriority if unset" (the Priority admission plugin sets it on Pods)
};

/** Container and init container; `imagePullPolicy` depends on the image: `defaultImagePullPolicy`. */
export const CONTAINER_DEFAULTS: Defaults = {
  terminationMessagePath: '/dev/termination-log', // §16; OpenAPI "Defaults to /dev/termination-log"
  terminationMessagePolicy: 'File', // §16; OpenAPI "Defaults to File"
  resources: {}, // OpenAPI `default: {}`
};

/** `containers[].ports[]`. */
export const CONTAINER_PORT_DEFAULTS: Defaults = {
  protocol: 'TCP', // §16; OpenAPI `default: "TCP"`
};

/** The container fields that hold a probe. */
export const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

export const PROBE_DEFAULTS: Defaults = {
  timeoutSeconds: 1, // §16; OpenAPI "Defaults to 1 second"
  periodSeconds: 10, // §16; OpenAPI "Default to 10 seconds"
  successThreshold: 1, // §16; OpenAPI "Defaults to 1"
  failureThreshold: 3, // §16; OpenAPI "Defaults to 3"
};

/** A probe's `httpGet`. */
export const HTTP_GET_DEFAULTS: Defaults = {
  path: '/', // §16
  scheme: 'HTTP', // §16; OpenAPI "Defaults to HTTP"
};

/** `volumes[].<source>` → its defaults: `defaultMode` 0644 (420), §16; OpenAPI "Defaults to 0644" (not for projected). */
export const VOLUME_SOURCE_DEFAULTS: { readonly [source: string]: Defaults } = {
  secret: { defaultMode: 420 },
  configMap: { defaultMode: 420 },
  downwardAPI: { defaultMode: 420 },
  projected: { defaultMode: 420 },
};

/**
 * The pull policy the API server gives a container without one (§16): `Always` when the image's tag
 * is `latest`, or when it has neither a tag nor a digest; otherwise `IfNotPresent`. The tag is what
 * follows the last `:` of the last path segment, before any `@digest` (so a registry port,
 * `registry:5000/app`, is no tag). A digest alone (`app@sha256:…`) gives `IfNotPresent`; a tag and
 * a digest (`app:latest@sha256:…`) keep the tag's rule, as the kubelet's image-name parser does.
 */
export function defaultImagePullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const at = image.indexOf('@');
  const name = at < 0 ? image : image.slice(0, at);
  const last = name.slice(name.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  const tag = colon < 0 ? '' : last.slice(colon + 1);
  return tag === 'latest' || (tag === '' && at < 0) ? 'Always' : 'IfNotPresent';
}

/** Service `ports[]`: protocol (§16; OpenAPI `default: "TCP"`), targetPort = port (§16; OpenAPI "the value of the 'port' field is used"). */
export function servicePortDefaults(port: { readonly port?: unknown }): Defaults {
  return { protocol: 'TCP', targetPort: port.port };
}

type Spec = { readonly [field: string]: unknown };
const absent = (v: unknown) => v === undefined || v === null;

/** `spec` of the workload kinds and Service (pod specs and templates aside). */
const SPEC_DEFAULTS: { readonly [kind: string]: Defaults | ((spec: Spec) => Defaults) } = {
  Deployment: {
    revisionHistoryLimit: 10, // §16; OpenAPI "Defaults to 10"
    progressDeadlineSeconds: 600, // §16; OpenAPI "Defaults to 600s"
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } }, // §16; OpenAPI "Default is RollingUpdate", "Defaults to 25%" (both)
  },
  StatefulSet: {
    revisionHistoryLimit: 10, // §16; OpenAPI "The default value is 10"
    podManagementPolicy: 'OrderedReady', // §16; OpenAPI "The default policy is `OrderedReady`"
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, // §16; OpenAPI "Default is RollingUpdate", partition "The default value is 0"
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' }, // §16; OpenAPI "The default policy of `Retain`" (both)
  },
  DaemonSet: {
    revisionHistoryLimit: 10, // §16; OpenAPI "Defaults to 10"
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, // §16; OpenAPI "Default is RollingUpdate", "Default value is 1", "Default value is 0"
  },
  Job: (spec) => ({
    parallelism: 1, // §16
    ...(absent(spec.parallelism) ? { completions: 1 } : {}), // §16: only when parallelism is unset too
    backoffLimit: absent(spec.backoffLimitPerIndex) ? 6 : 2147483647, // §16; OpenAPI "Defaults to 6, unless backoffLimitPerIndex …"
    completionMode: 'NonIndexed', // §16; OpenAPI "`NonIndexed` (default)"
    suspend: false, // §16; OpenAPI "Defaults to false"
    manualSelector: false, // §16; OpenAPI "When false or unset, …"
    podReplacementPolicy: absent(spec.podFailurePolicy) ? 'TerminatingOrFailed' : 'Failed', // §16; OpenAPI "When using podFailurePolicy, Failed is the the only allowed value"
  }),
  CronJob: {
    concurrencyPolicy: 'Allow', // §16; OpenAPI "\"Allow\" (default)"
    suspend: false, // §16; OpenAPI "Defaults to false"
    successfulJobsHistoryLimit: 3, // §16; OpenAPI "Defaults to 3"
    failedJobsHistoryLimit: 1, // §16; OpenAPI "Defaults to 1"
  },
  Service: {
    type: 'ClusterIP', // §16; OpenAPI "Defaults to ClusterIP"
    sessionAffinity: 'None', // §16; OpenAPI "Defaults to None"
    internalTrafficPolicy: 'Cluster', // §16; OpenAPI "The default value, \"Cluster\""
    ipFamilyPolicy: 'SingleStack', // §16 (registry); OpenAPI "this field will be set to SingleStack"
  },
};

/**
 * The defaults of a kind's `spec` fields, given the spec they are read against (a Job's depend on
 * its other fields); `{}` for kinds without a table. Pod specs and templates: `POD_SPEC_DEFAULTS` ….
 */
export function specDefaults(kind: string, spec: Spec): Defaults {
  const entry = Object.hasOwn(SPEC_DEFAULTS, kind) ? SPEC_DEFAULTS[kind] : undefined;
  return typeof entry === 'function' ? entry(spec) : (entry ?? {});
}
