// The cluster index the client sends (`kubesight/clusterIndex`, server/src/shared/cluster-protocol.ts)
// as a lookup by group/kind/namespace/name for references, hover and completion. Pure data.
import type { ClusterIndexParams } from '../../shared/cluster-protocol';

/** One object of the cluster, with its effective namespace ('' for cluster-scoped kinds). */
export interface ClusterObject {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  keys?: ReadonlySet<string>;
  ports?: readonly { name?: string; port: number }[];
}

/** Whether a kind is namespaced (schema catalog, else the table of cluster-scoped kinds). */
export type IsNamespaced = (group: string, kind: string) => boolean;

/** An immutable lookup over a cluster index, by group/kind/namespace/name. */
export class ClusterIndex {
  private readonly byKey = new Map<string, ClusterObject>();
  private readonly byKindNamespace = new Map<string, ClusterObject[]>();

  constructor(
    readonly context: string,
    /** The namespace the index covers ('' = all namespaces). */
    readonly namespace: string,
    readonly objects: readonly ClusterObject[],
  ) {
    for (const o of objects) {
      this.byKey.set(`${o.group}/${o.kind}/${o.namespace}/${o.name}`, o);
      const kn = `${o.group}/${o.kind}/${o.namespace}`;
      const list = this.byKindNamespace.get(kn);
      if (list) list.push(o);
      else this.byKindNamespace.set(kn, [o]);
    }
  }

  /**
   * The index of a notification's params, tolerant of malformed entries (they are skipped).
   * Namespaced objects without a namespace are in the index namespace (`default` for an
   * all-namespaces index); cluster-scoped objects have namespace ''.
   */
  static from(params: ClusterIndexParams, isNamespaced: IsNamespaced): ClusterIndex {
    const indexNamespace = typeof params.namespace === 'string' ? params.namespace : '';
    const objects = (Array.isArray(params.objects) ? params.objects : []).flatMap((o): ClusterObject[] => {
      if (!o || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || typeof o.name !== 'string' || o.name === '') return [];
      const slash = o.apiVersion.lastIndexOf('/');
      const group = slash < 0 ? '' : o.apiVersion.slice(0, slash);
      const namespace = !isNamespaced(group, o.kind) ? '' : typeof o.namespace === 'string' && o.namespace !== '' ? o.namespace : indexNamespace || 'default';
      const keys = Array.isArray(o.keys) ? new Set(o.keys.filter((k): k is string => typeof k === 'string')) : undefined;
      const ports = Array.isArray(o.ports) ? o.ports.filter((p) => p && typeof p.port === 'number') : undefined;
      return [{ group, kind: o.kind, namespace, name: o.name, keys, ports }];
    });
    return new ClusterIndex(typeof params.context === 'string' ? params.context : '', indexNamespace, objects);
  }

  /**
   * The namespace a namespaced reference resolves to in the cluster: the one written in the
   * manifest, else the index namespace (where `kubectl apply` would put the object), else `default`.
   */
  namespaceFor(written: string | undefined): string {
    return written || this.namespace || 'default';
  }

  /** Whether the index can tell that an object of this namespace ('' = cluster-scoped) is absent. */
  covers(namespace: string): boolean {
    return namespace === '' || this.namespace === '' || namespace === this.namespace;
  }

  find(group: string, kind: string, namespace: string, name: string): ClusterObject | undefined {
    return this.byKey.get(`${group}/${kind}/${namespace}/${name}`);
  }

  ofKind(group: string, kind: string, namespace: string): readonly ClusterObject[] {
    return this.byKindNamespace.get(`${group}/${kind}/${namespace}`) ?? [];
  }

  /** `the cluster (context "x", namespace "y")`, for messages. */
  describe(namespace: string): string {
    return `the cluster (context "${this.context}"${namespace ? `, namespace "${namespace}"` : ''})`;
  }
}
