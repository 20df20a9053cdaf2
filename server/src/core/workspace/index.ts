import type { IndexedObject } from './indexed-object';

/** Read-only lookup over every indexed object of a workspace snapshot. */
export class ResourceIndex {
  private readonly byKey = new Map<string, IndexedObject[]>();
  private readonly byKindNamespace = new Map<string, IndexedObject[]>();
  // Built on first use: Service and nginx rules ask once per object of the file being checked.
  private podTemplatesByNamespace: Map<string, IndexedObject[]> | undefined;
  // Built on first use: only references that resolve nowhere ask for a name in every namespace and kind.
  private ownByName: Map<string, IndexedObject[]> | undefined;

  private readonly patchKeys = new Set<string>();

  /**
   * `objects` are the manifests' own objects (and the ones tools generate). `patches`: the objects
   * of Kustomize patches. They are not objects of their own (no duplicates, no pod templates,
   * partial keys), but a patch shows that the object it patches exists, in a base that may be
   * outside the workspace. `produced`: what controllers create from the objects (producers.ts),
   * found by references and selectors, never listed as objects of their own.
   */
  constructor(
    readonly objects: readonly IndexedObject[],
    readonly patches: readonly IndexedObject[] = [],
    private readonly produced: readonly IndexedObject[] = [],
  ) {
    for (const o of [...objects, ...produced]) {
      push(this.byKey, keyOf(o.group, o.kind, o.namespace, o.name), o);
      push(this.byKindNamespace, `${o.group}/${o.kind}/${o.namespace}`, o);
    }
    for (const p of patches) this.patchKeys.add(keyOf(p.group, p.kind, p.namespace, p.name));
  }

  /** Whether a Kustomize patch of the workspace patches an object with this identity. */
  isPatched(group: string, kind: string, namespace: string, name: string): boolean {
    return this.patchKeys.has(keyOf(group, kind, namespace, name));
  }

  /** Objects with this identity (more than one means a duplicate). */
  find(group: string, kind: string, namespace: string, name: string): readonly IndexedObject[] {
    return this.byKey.get(keyOf(group, kind, namespace, name)) ?? [];
  }

  /** Every object of a kind in a namespace ('' for cluster-scoped kinds). */
  ofKind(group: string, kind: string, namespace: string): readonly IndexedObject[] {
    return this.byKindNamespace.get(`${group}/${kind}/${namespace}`) ?? [];
  }

  /** The manifests' own objects (not produced ones) with this name, of any kind and namespace. */
  named(name: string): readonly IndexedObject[] {
    if (!this.ownByName) {
      this.ownByName = new Map();
      for (const o of this.objects) push(this.ownByName, o.name, o);
    }
    return this.ownByName.get(name) ?? [];
  }

  /** Objects with pod templates (workloads and Pods) in a namespace. */
  podTemplatesIn(namespace: string): readonly IndexedObject[] {
    return this.podTemplates().get(namespace) ?? [];
  }

  /** Objects with pod templates in every namespace (a monitor with `namespaceSelector.any`). */
  allPodTemplates(): readonly IndexedObject[] {
    return [...this.podTemplates().values()].flat();
  }

  /** Every object of a kind in every namespace, produced ones included. */
  ofKindEverywhere(group: string, kind: string): readonly IndexedObject[] {
    return [...this.objects, ...this.produced].filter((o) => o.group === group && o.kind === kind);
  }

  private podTemplates(): Map<string, IndexedObject[]> {
    if (!this.podTemplatesByNamespace) {
      this.podTemplatesByNamespace = new Map();
      for (const o of [...this.objects, ...this.produced]) if (o.template) push(this.podTemplatesByNamespace, o.namespace, o);
    }
    return this.podTemplatesByNamespace;
  }
}

function keyOf(group: string, kind: string, namespace: string, name: string): string {
  return `${group}/${kind}/${namespace}/${name}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
