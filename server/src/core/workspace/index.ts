import type { IndexedObject } from './indexed-object';

/** Read-only lookup over every indexed object of a workspace snapshot. */
export class ResourceIndex {
  private readonly byKey = new Map<string, IndexedObject[]>();
  private readonly byKindNamespace = new Map<string, IndexedObject[]>();
  // Built on first use: Service and nginx rules ask once per object of the file being checked.
  private podTemplatesByNamespace: Map<string, IndexedObject[]> | undefined;

  /**
   * `objects` are the manifests' own objects; `produced` the ones controllers create from them
   * (producers.ts): found by references and selectors, never listed as objects of their own.
   */
  constructor(
    readonly objects: readonly IndexedObject[],
    private readonly produced: readonly IndexedObject[] = [],
  ) {
    for (const o of [...objects, ...produced]) {
      push(this.byKey, keyOf(o.group, o.kind, o.namespace, o.name), o);
      push(this.byKindNamespace, `${o.group}/${o.kind}/${o.namespace}`, o);
    }
  }

  /** Objects with this identity (more than one means a duplicate). */
  find(group: string, kind: string, namespace: string, name: string): readonly IndexedObject[] {
    return this.byKey.get(keyOf(group, kind, namespace, name)) ?? [];
  }

  /** Every object of a kind in a namespace ('' for cluster-scoped kinds). */
  ofKind(group: string, kind: string, namespace: string): readonly IndexedObject[] {
    return this.byKindNamespace.get(`${group}/${kind}/${namespace}`) ?? [];
  }

  /** Objects with pod templates (workloads and Pods) in a namespace. */
  podTemplatesIn(namespace: string): readonly IndexedObject[] {
    if (!this.podTemplatesByNamespace) {
      this.podTemplatesByNamespace = new Map();
      for (const o of [...this.objects, ...this.produced]) if (o.template) push(this.podTemplatesByNamespace, o.namespace, o);
    }
    return this.podTemplatesByNamespace.get(namespace) ?? [];
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
