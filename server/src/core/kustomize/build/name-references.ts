import { NAME_REFERENCES, segmentsOf, specApplies, type NameReference } from './field-specs';
import { BuildError } from './env';
import { isObj, visitPath, type Obj } from './fields';
import { effectiveNamespace, isClusterScoped, type ResMap } from './resmap';
import type { BuiltResource } from './resource';

/**
 * After names changed (prefix, suffix, hash, namespace), the fields that name an object by its
 * earlier name get its current one (kustomize's FixBackReferences, api/filters/nameref): a
 * candidate is an object of the referred kind that once had that name, in the referrer's namespace
 * (ServiceAccounts and cluster-scoped objects from anywhere); several candidates are narrowed by
 * their name prefixes and suffixes.
 */
export function fixNameReferences(resources: ResMap, referrers?: ReadonlySet<BuiltResource>): void {
  // The objects a referrer may name depend on its id only (names of its fields change here, not ids): found once per referrer, when it names something.
  const candidatesOf = new Map<BuiltResource, BuiltResource[]>();
  const candidates = (referrer: BuiltResource) => {
    let found = candidatesOf.get(referrer);
    if (!found) candidatesOf.set(referrer, (found = couldBeReferenced(resources, referrer)));
    return found;
  };
  // Referrers by kind: the pass looks at every spec of the table (a hundred) for every object. Ids do not change in this pass.
  const byKind = new Map<string, BuiltResource[]>();
  // `referrers`: only these objects' fields are updated (kustomize/rebuild.ts: the others are those of an earlier build, already updated).
  const list = referrers ? resources.list.filter((r) => referrers.has(r)) : resources.list;
  for (const r of list) byKind.set(r.orgId.kind, [...(byKind.get(r.orgId.kind) ?? []), r]);
  for (const reference of NAME_REFERENCES) {
    for (const spec of reference.referrers) {
      for (const referrer of spec.kind ? (byKind.get(spec.kind) ?? []) : [...list]) {
        if (!specApplies(spec, referrer.orgId)) continue;
        const roleRefKind = spec.path.endsWith('roleRef/name') ? roleRefOf(referrer) : undefined;
        visitPath(referrer.value, segmentsOf(spec), false, (container, key) => {
          update(container, key, { referrer, reference, candidates: candidates(referrer), roleRefKind, resources });
        });
      }
    }
  }
}

interface Lookup {
  referrer: BuiltResource;
  reference: NameReference;
  candidates: BuiltResource[];
  roleRefKind?: { group: string; kind: string };
  resources: ResMap;
}

function update(container: Obj, key: string, lookup: Lookup): void {
  const value = container[key];
  if (typeof value === 'string') return setScalar(container, key, lookup);
  if (isObj(value)) return setMapping(value, lookup);
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === 'string') setScalar(value as unknown as Obj, String(i), lookup);
      else if (isObj(item)) setMapping(item, lookup);
    });
  }
}

function setScalar(container: Obj, key: string, lookup: Lookup): void {
  const old = String(container[key]);
  const referral = selectReferral(old, lookup.candidates, lookup, (rs) => rs.every((r) => r.id.name === rs[0].id.name));
  if (referral && referral.id.name !== old) container[key] = referral.id.name;
}

function setMapping(map: Obj, lookup: Lookup): void {
  if (typeof map.name !== 'string') return;
  let candidates = lookup.candidates;
  if (typeof map.namespace === 'string') {
    const namespace = map.namespace;
    const { isNamespaced } = lookup.resources;
    const byOriginal = candidates.filter((c) => effectiveNamespace(c.orgId, isNamespaced) === namespace);
    candidates = byOriginal.length > 0 ? byOriginal : candidates.filter((c) => effectiveNamespace(c.id, isNamespaced) === namespace);
  }
  const referral = selectReferral(map.name, candidates, lookup, (rs) => rs.every((r) => r.id.name === rs[0].id.name && r.id.namespace === rs[0].id.namespace));
  if (!referral) return;
  const { name, namespace } = referral.id;
  if (name === map.name && namespace === '') return;
  map.name = name;
  if (namespace !== '') map.namespace = namespace;
}

function selectReferral(oldName: string, all: BuiltResource[], lookup: Lookup, identical: (rs: BuiltResource[]) => boolean): BuiltResource | undefined {
  const { reference, referrer, roleRefKind, resources } = lookup;
  let candidates = all.filter((c) => c.prevIds.some((id) => id.name === oldName) && c.prevIds.some((id) => specApplies(reference, id)));
  if (roleRefKind) candidates = candidates.filter((c) => c.prevIds.some((id) => specApplies(roleRefKind, id)));
  const referrerId = referrer.id;
  if (!isClusterScoped(referrerId, resources.isNamespaced)) {
    const ns = effectiveNamespace(referrerId, resources.isNamespaced);
    candidates = candidates.filter((c) => isClusterScoped(c.id, resources.isNamespaced) || c.id.kind === 'ServiceAccount' || effectiveNamespace(c.id, resources.isNamespaced) === ns);
  }
  if (candidates.length === 1) return candidates[0];
  candidates = candidates.filter((c) => affixesMatch(c, referrer, true));
  if (candidates.length > 1) candidates = candidates.filter((c) => affixesMatch(c, referrer, false));
  if (candidates.length <= 1) return candidates[0];
  if (identical(candidates)) return candidates[0];
  throw new BuildError(`found multiple possible referrals: ${candidates.map((c) => `${c.id.kind}/${c.id.name}`).join(', ')}`);
}

function sameEnding(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 0) return long.length === 0;
  const diff = long.length - short.length;
  return short.every((s, i) => long[i + diff] === s);
}

function affixesMatch(c: BuiltResource, referrer: BuiltResource, allowEmpty: boolean): boolean {
  const prefixes = (allowEmpty && (c.prefixes.length === 0 || referrer.prefixes.length === 0)) || sameEnding(c.prefixes, referrer.prefixes);
  const suffixes = (allowEmpty && (c.suffixes.length === 0 || referrer.suffixes.length === 0)) || sameEnding(c.suffixes, referrer.suffixes);
  return prefixes && suffixes;
}

/** The objects a referrer may name: all for a cluster-scoped referrer, else its namespace's, cluster-scoped ones and its RoleBinding subjects' namespaces. */
function couldBeReferenced(resources: ResMap, referrer: BuiltResource): BuiltResource[] {
  const id = referrer.id;
  if (isClusterScoped(id, resources.isNamespaced)) return resources.list;
  const ns = effectiveNamespace(id, resources.isNamespaced);
  const subjectNamespaces = new Set(id.kind === 'RoleBinding' && Array.isArray(referrer.value.subjects)
    ? referrer.value.subjects.flatMap((s) => (isObj(s) && s.kind === 'ServiceAccount' && typeof s.namespace === 'string' ? [s.namespace] : []))
    : []);
  return resources.list.filter((c) => isClusterScoped(c.id, resources.isNamespaced) || effectiveNamespace(c.id, resources.isNamespaced) === ns || subjectNamespaces.has(c.id.namespace));
}

function roleRefOf(r: BuiltResource): { group: string; kind: string } | undefined {
  const ref = r.value.roleRef;
  return isObj(ref) && typeof ref.apiGroup === 'string' && typeof ref.kind === 'string' ? { group: ref.apiGroup, kind: ref.kind } : undefined;
}
