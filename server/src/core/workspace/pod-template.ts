import type { FieldPath } from '../model/path';
import type { Resource } from '../model/resource';

type Obj = Record<string, unknown>;

/**
 * Where each workload keeps its pod template, by group and kind: a `Deployment` of another group is
 * not an apps Deployment. Besides the built-in workloads (and their removed `extensions` versions,
 * still the same objects), custom workloads whose pods are commonly selected by Services and
 * NetworkPolicies: Argo Rollouts (a Rollout with `spec.workloadRef` has no template of its own:
 * its pods are the referenced Deployment's) and OpenKruise's CloneSet, StatefulSet and DaemonSet.
 */
const TEMPLATE_PATHS = new Map<string, FieldPath>([
  ['apps/Deployment', ['spec', 'template']],
  ['apps/ReplicaSet', ['spec', 'template']],
  ['apps/StatefulSet', ['spec', 'template']],
  ['apps/DaemonSet', ['spec', 'template']],
  ['extensions/Deployment', ['spec', 'template']],
  ['extensions/ReplicaSet', ['spec', 'template']],
  ['extensions/DaemonSet', ['spec', 'template']],
  ['batch/Job', ['spec', 'template']],
  ['batch/CronJob', ['spec', 'jobTemplate', 'spec', 'template']],
  ['/ReplicationController', ['spec', 'template']],
  ['/PodTemplate', ['template']],
  ['argoproj.io/Rollout', ['spec', 'template']],
  ['apps.kruise.io/CloneSet', ['spec', 'template']],
  ['apps.kruise.io/StatefulSet', ['spec', 'template']],
  ['apps.kruise.io/DaemonSet', ['spec', 'template']],
]);

/** Workloads whose `spec.volumeClaimTemplates` give each pod volumes of its own. */
const CLAIM_TEMPLATES = new Set(['apps/StatefulSet', 'apps.kruise.io/StatefulSet', 'apps.kruise.io/CloneSet']);

/** The groups of the workloads Kubernetes itself defines (their checks follow the API server). */
const BUILTIN_WORKLOAD_GROUPS = new Set(['', 'apps', 'extensions', 'batch']);

/** Whether an object is a workload Kubernetes itself defines (apps, batch, core; not a Pod), not a custom resource. */
export function isBuiltinWorkload(resource: Resource): boolean {
  return BUILTIN_WORKLOAD_GROUPS.has(resource.group) && TEMPLATE_PATHS.has(`${resource.group}/${resource.kind}`);
}

/** Whether a group/kind runs pods from a template of its own (Deployment, Rollout, CronJob, …). */
export function isWorkloadKind(group: string, kind: string): boolean {
  return TEMPLATE_PATHS.has(`${group}/${kind}`);
}

/** Names of the volumes a workload's `volumeClaimTemplates` add to each of its pods. */
export function claimTemplateNames(resource: Resource): string[] {
  if (!CLAIM_TEMPLATES.has(`${resource.group}/${resource.kind}`)) return [];
  return asArray(valueAt(resource.value, ['spec', 'volumeClaimTemplates'])).flatMap((t) => {
    const name = asObject(asObject(t)?.metadata)?.name;
    return typeof name === 'string' ? [name] : [];
  });
}

export interface PodTemplate {
  /** Path of the pod's `metadata` and `spec` below the resource ([] prefix for a Pod). */
  metadataPath: FieldPath;
  specPath: FieldPath;
  labels: Record<string, string>;
  spec: Obj;
}

export function asObject(value: unknown): Obj | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Obj) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function valueAt(root: unknown, path: FieldPath): unknown {
  let node: unknown = root;
  for (const seg of path) {
    if (typeof seg === 'number') node = Array.isArray(node) ? node[seg] : undefined;
    else node = asObject(node)?.[seg];
    if (node === undefined) return undefined;
  }
  return node;
}

/** String-valued entries of a map (labels, selectors); other values are not labels. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const map = asObject(value);
  for (const k in map) {
    const v = map[k];
    if (Object.hasOwn(map, k) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) out[k] = String(v);
  }
  return out;
}

/** The pod template of a workload (or a Pod's own spec); undefined for other kinds. */
export function podTemplateOf(resource: Resource): PodTemplate | undefined {
  if (resource.kind === 'Pod' && resource.group === '') {
    const spec = asObject(resource.value.spec);
    return spec ? { metadataPath: ['metadata'], specPath: ['spec'], labels: stringMap(valueAt(resource.value, ['metadata', 'labels'])), spec } : undefined;
  }
  const base = TEMPLATE_PATHS.get(`${resource.group}/${resource.kind}`);
  if (!base) return undefined;
  // A template being written may have labels before it has a spec: it still selects pods.
  const template = asObject(valueAt(resource.value, base));
  if (!template) return undefined;
  const spec = asObject(template.spec) ?? {};
  return { metadataPath: [...base, 'metadata'], specPath: [...base, 'spec'], labels: stringMap(valueAt(template, ['metadata', 'labels'])), spec };
}

export interface ContainerAt {
  container: Obj;
  path: FieldPath;
}

const CONTAINER_FIELDS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** Containers, init containers and ephemeral containers of a pod spec, with their paths. */
export function containersOf(template: PodTemplate): ContainerAt[] {
  const out: ContainerAt[] = [];
  for (const field of CONTAINER_FIELDS) {
    const list = template.spec[field];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      const container = asObject(list[i]);
      if (container) out.push({ container, path: [...template.specPath, field, i] });
    }
  }
  return out;
}
