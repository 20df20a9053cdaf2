import { BuildError } from './env';
import { COMMON_ANNOTATIONS, COMMON_LABELS, IMAGE_FIELDS, METADATA_LABELS, REPLICAS, VOLUME_CLAIM_TEMPLATE_LABELS, segmentsOf, specApplies, type FieldSpec } from './field-specs';
import { childMap, isObj, pathSegments, visitPath, type Obj } from './fields';
import type { LoadedKustomization } from './load';
import { isClusterScoped, type ResMap } from './resmap';
import type { BuiltResource, Origin, OriginTable } from './resource';

/** What a transformer needs besides the objects: where the kustomization wrote the field that asks for it. */
interface Ctx {
  k: LoadedKustomization;
  origins: OriginTable;
}

function applySpecs(r: BuiltResource, specs: readonly FieldSpec[], set: (container: Obj, key: string) => void): void {
  const id = r.id;
  for (const s of specs) if (specApplies(s, id)) visitPath(r.value, segmentsOf(s), !!s.create, set);
}

/** Labels or annotations into the map fields the specs name (created where the spec says so). */
function setPairs(r: BuiltResource, specs: readonly FieldSpec[], pairs: Record<string, unknown>, origin: Origin | undefined, origins: OriginTable): void {
  applySpecs(r, specs, (container, key) => {
    const map = childMap(container, key, true);
    if (!map) return;
    for (const [k, v] of Object.entries(pairs)) {
      map[k] = v === null || v === undefined ? '' : String(v);
      origins.record(map, k, origin);
    }
  });
}

/** `namespace`: every namespaced object, RoleBinding subjects named `default`, and the fields kustomize's table names. */
export function setNamespace(resources: ResMap, namespace: string, { k, origins }: Ctx): void {
  const origin = k.at(['namespace']);
  for (const r of resources.list) {
    r.storePreviousId();
    const id = r.id;
    if (!isClusterScoped(id, resources.isNamespaced)) {
      r.metadata.namespace = namespace;
      origins.record(r.metadata, 'namespace', origin);
    }
    if (id.kind === 'Namespace' && id.group === '' && id.version === 'v1') r.metadata.name = namespace;
    if (id.kind === 'APIService' && id.group === 'apiregistration.k8s.io') visitPath(r.value, ['spec', 'service', 'namespace'], true, (c, key) => { c[key] = namespace; });
    if (id.kind === 'CustomResourceDefinition') visitPath(r.value, pathSegments('spec/conversion/webhook/clientConfig/service/namespace'), false, (c, key) => { c[key] = namespace; });
    if ((id.kind === 'RoleBinding' || id.kind === 'ClusterRoleBinding') && Array.isArray(r.value.subjects)) {
      for (const s of r.value.subjects) if (isObj(s) && s.name === 'default') s.namespace = namespace;
    }
  }
  const seen = new Set<string>();
  for (const r of resources.list) {
    const id = r.id;
    const key = `${id.group}/${id.version}/${id.kind}/${id.namespace}/${id.name}`;
    if (seen.has(key)) throw new BuildError(`namespace transformation produces ID conflict: ${key}`, origin);
    seen.add(key);
  }
}

/** Kinds whose names kustomize never prefixes or suffixes. */
function keepsName(r: BuiltResource): boolean {
  const id = r.orgId;
  return id.kind === 'CustomResourceDefinition' || id.kind === 'Namespace' || (id.kind === 'APIService' && id.group === 'apiregistration.k8s.io');
}

export function addNameAffix(resources: ResMap, affix: string, where: 'prefix' | 'suffix', { k, origins }: Ctx): void {
  const origin = k.at([where === 'prefix' ? 'namePrefix' : 'nameSuffix']);
  for (const r of resources.list) {
    if (keepsName(r)) continue;
    (where === 'prefix' ? r.prefixes : r.suffixes).push(affix);
    r.storePreviousId();
    const name = r.id.name;
    r.setName(where === 'prefix' ? affix + name : name + affix);
    origins.record(r.metadata, 'name', origin);
  }
}

/** One `labels` entry, or `commonLabels` (includeSelectors). */
export function addLabels(resources: ResMap, pairs: Record<string, unknown>, scope: { selectors?: boolean; templates?: boolean; claimTemplates?: boolean; fields?: FieldSpec[] }, origin: Origin | undefined, origins: OriginTable): void {
  const specs = scope.selectors
    ? [...(scope.fields ?? []), ...COMMON_LABELS]
    : [...(scope.fields ?? []), ...(scope.templates ? METADATA_LABELS : []), ...(scope.claimTemplates ? VOLUME_CLAIM_TEMPLATE_LABELS : []), { path: 'metadata/labels', create: true }];
  for (const r of resources.list) setPairs(r, specs, pairs, origin, origins);
}

export function addAnnotations(resources: ResMap, pairs: Record<string, unknown>, origin: Origin | undefined, origins: OriginTable): void {
  for (const r of resources.list) setPairs(r, COMMON_ANNOTATIONS, pairs, origin, origins);
}

export function setReplicas(resources: ResMap, name: string, count: unknown, origin: Origin | undefined, origins: OriginTable, someObjects = false): void {
  let found = false;
  for (const s of REPLICAS) {
    for (const r of resources.list) {
      if (![r.id, ...r.prevIds].some((id) => id.name === name && specApplies(s, id))) continue;
      found = true;
      visitPath(r.value, segmentsOf(s), true, (c, key) => {
        c[key] = count;
        origins.record(c, key, origin);
      });
    }
  }
  if (!found && !someObjects) throw new BuildError(`resource with name ${name} does not match a config with the following GVK [Deployment ReplicationController ReplicaSet StatefulSet]`, origin);
}

export interface ImageOverride {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  tagSuffix?: string;
}

/** `images`: every `containers`/`initContainers` list at any depth (not in CRDs), then the table's fields (see IMAGE_FIELDS). */
export function setImages(resources: ResMap, image: ImageOverride, origin: Origin | undefined, origins: OriginTable): void {
  const overridden = imageOverrider(image);
  const update = (container: Obj) => {
    if (typeof container.image !== 'string') return;
    const next = overridden(container.image);
    if (next !== undefined && next !== container.image) {
      container.image = next;
      origins.record(container, 'image', origin);
    }
  };
  for (const r of resources.list) {
    if (r.id.kind === 'CustomResourceDefinition') continue;
    walkContainers(r.value, update);
    applySpecs(r, IMAGE_FIELDS, (c, key) => {
      if (typeof c[key] !== 'string') return;
      const next = overridden(c[key] as string);
      if (next !== undefined && next !== c[key]) {
        c[key] = next;
        origins.record(c, key, origin);
      }
    });
  }
}

function walkContainers(value: unknown, update: (container: Obj) => void): void {
  if (Array.isArray(value)) return value.forEach((v) => walkContainers(v, update));
  if (!isObj(value)) return;
  for (const [key, v] of Object.entries(value)) {
    walkContainers(v, update);
    if ((key === 'containers' || key === 'initContainers') && Array.isArray(v)) for (const c of v) if (isObj(c)) update(c);
  }
}

/** The new image reference for a reference, or undefined when the override does not name this image (kustomize's pattern: the name, then an optional tag and digest); the pattern is made once per override. */
function imageOverrider(image: ImageOverride): (reference: string) => string | undefined {
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^${image.name}(:[a-zA-Z0-9_.{}-]*)?(@[a-zA-Z0-9]+([.+_-][a-zA-Z0-9]+)*:[a-zA-Z0-9_.{}-]*)?$`);
  } catch {
    return () => undefined;
  }
  return (reference) => (pattern.test(reference) ? overriddenImage(reference, image) : undefined);
}

function overriddenImage(reference: string, image: ImageOverride): string {
  let { name, tag, digest } = splitImage(reference);
  if (image.newName) name = image.newName;
  if (image.newTag && image.digest) [tag, digest] = [image.newTag, image.digest];
  else if (image.newTag) [tag, digest] = [image.newTag, ''];
  else if (image.digest) [tag, digest] = ['', image.digest];
  else if (image.tagSuffix) [tag, digest] = [tag + image.tagSuffix, ''];
  return name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
}

/** kustomize's image split: the tag's `:` and the digest's `@` are searched after the first `/`. */
function splitImage(reference: string): { name: string; tag: string; digest: string } {
  const slash = reference.indexOf('/');
  const offset = slash > 0 ? slash : 0;
  const rest = reference.slice(offset);
  const at = rest.indexOf('@');
  const colon = rest.indexOf(':');
  if (colon < 0 && at < 0) return { name: reference, tag: '', digest: '' };
  if (at >= 0 && (at < colon || colon < 0)) return { name: reference.slice(0, offset + at), tag: '', digest: reference.slice(offset + at + 1) };
  if (at >= 0 && colon >= 0) return { name: reference.slice(0, offset + colon), tag: reference.slice(offset + colon + 1, offset + at), digest: reference.slice(offset + at + 1) };
  return { name: reference.slice(0, offset + colon), tag: reference.slice(offset + colon + 1), digest: '' };
}
