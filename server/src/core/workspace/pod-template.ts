import type { FieldPath } from '../model/path';
import type { Resource } from '../model/resource';

type Obj = Record<string, unknown>;

/** Where a kind keeps its pod template: the pod's metadata and spec paths. */
const TEMPLATE_PATHS: Record<string, FieldPath> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  PodTemplate: ['template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

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
  if (resource.kind === 'Pod') {
    const spec = asObject(resource.value.spec);
    return spec ? { metadataPath: ['metadata'], specPath: ['spec'], labels: stringMap(valueAt(resource.value, ['metadata', 'labels'])), spec } : undefined;
  }
  const base = Object.hasOwn(TEMPLATE_PATHS, resource.kind) ? TEMPLATE_PATHS[resource.kind] : undefined; // not `kind: constructor`
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
