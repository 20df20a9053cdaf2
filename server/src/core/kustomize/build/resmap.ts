import { BuildError } from './env';
import { isObj } from './fields';
import type { BuiltResource, ResId } from './resource';

/** The objects of a build so far, in order, with the one fact ids need: which kinds are cluster-scoped. */
export interface ResMap {
  list: BuiltResource[];
  isNamespaced(group: string, kind: string): boolean | undefined;
}

export function isClusterScoped(id: { group: string; kind: string }, isNamespaced: ResMap['isNamespaced']): boolean {
  return isNamespaced(id.group, id.kind) === false;
}

/** kustomize's effective namespace: none for cluster-scoped kinds, `default` for an empty one. */
export function effectiveNamespace(id: ResId, isNamespaced: ResMap['isNamespaced']): string {
  if (isClusterScoped(id, isNamespaced)) return '~X';
  return id.namespace === '' ? 'default' : id.namespace;
}

export function idEquals(a: ResId, b: ResId, isNamespaced: ResMap['isNamespaced']): boolean {
  return a.group === b.group && a.version === b.version && a.kind === b.kind && a.name === b.name && effectiveNamespace(a, isNamespaced) === effectiveNamespace(b, isNamespaced);
}

/** A patch `target`, or a replacement's `select`. */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** The objects a selector picks (kustomize's Select): group, version, kind, name and namespace are anchored regular expressions; names and namespaces current or original. */
export function select(resources: ResMap, selector: Selector): BuiltResource[] {
  const [name, namespace, group, version, kind] = [selector.name, selector.namespace, selector.group, selector.version, selector.kind].map((p) => (p ? anchored(p) : undefined));
  return resources.list.filter((r) => {
    const cur = r.id;
    const org = r.orgId;
    if (namespace && !namespace.test(effectiveNamespace(org, resources.isNamespaced)) && !namespace.test(effectiveNamespace(cur, resources.isNamespaced))) return false;
    if (name && !name.test(org.name) && !name.test(cur.name)) return false;
    if ((group && !group.test(cur.group)) || (version && !version.test(cur.version)) || (kind && !kind.test(cur.kind))) return false;
    const metadata = isObj(r.value.metadata) ? r.value.metadata : {};
    return matchesLabelSelector(metadata.labels, selector.labelSelector) && matchesLabelSelector(metadata.annotations, selector.annotationSelector);
  });
}

function anchored(pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    throw new BuildError(`invalid selector regular expression "${pattern}"`);
  }
}

/** A label selector expression (`a=b,c!=d,e,!f,g in (x,y),h notin (z)`) over a labels map. */
export function matchesLabelSelector(labels: unknown, expression: string | undefined): boolean {
  if (!expression) return true;
  const map = isObj(labels) ? labels : {};
  const has = (k: string) => Object.hasOwn(map, k);
  const value = (k: string) => (has(k) ? String(map[k]) : undefined);
  return splitRequirements(expression).every((req) => {
    const set = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(req);
    if (set) {
      const values = set[3].split(',').map((v) => v.trim());
      return set[2] === 'in' ? has(set[1]) && values.includes(value(set[1])!) : !has(set[1]) || !values.includes(value(set[1])!);
    }
    const cmp = /^([^\s!=]+)\s*(==|=|!=)\s*(\S*)$/.exec(req);
    if (cmp) return cmp[2] === '!=' ? value(cmp[1]) !== cmp[3] : value(cmp[1]) === cmp[3];
    if (req.startsWith('!')) return !has(req.slice(1).trim());
    return has(req);
  });
}

/** Requirements split at commas outside parentheses. */
function splitRequirements(expression: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of expression) {
    if (c === '(') depth++;
    if (c === ')') depth--;
    if (c === ',' && depth === 0) {
      out.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim() !== '') out.push(current.trim());
  return out;
}
