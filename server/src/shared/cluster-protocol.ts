// The two notifications the client sends the language server about the connected cluster. Both ends
// import this file: client/src/cluster builds the payloads, the server's core reads them (and
// tolerates malformed ones: the types say what a well-behaved client sends, not what arrives).
// Pure data, no LSP types.

/**
 * What the client knows about the connected cluster: the objects of its active namespace (names,
 * ConfigMap/Secret data keys — never values — and Service ports). The client sends it as the
 * `kubesight/clusterIndex` notification; `null` means disconnected.
 */
export const CLUSTER_INDEX_NOTIFICATION = 'kubesight/clusterIndex';

export interface ClusterIndexObject {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** ConfigMap/Secret data keys (never values). */
  keys?: string[];
  /** Service ports. */
  ports?: { name?: string; port: number }[];
}

export interface ClusterIndexParams {
  /** Kubeconfig context name, for messages. */
  context: string;
  /** The cluster's `/version` gitVersion (`v1.31.4-eks-…`), when it answered: the default target version. */
  kubernetesVersion?: string;
  /** The namespace the index covers ('' = all namespaces). */
  namespace: string;
  objects: ClusterIndexObject[];
}

/**
 * The live cluster as an immutable-field baseline. The client sends the live counterparts of the
 * objects in the open files as the `kubesight/liveBaseline` notification (`null`: disconnected).
 */
export const LIVE_BASELINE_NOTIFICATION = 'kubesight/liveBaseline';

export interface LiveBaselineParams {
  /** Kubeconfig context name, for messages. */
  context: string;
  /** The active namespace: a manifest without `metadata.namespace` is applied there. */
  namespace: string;
  /**
   * Live objects as the API server returns them, minus managedFields and status. A Secret's `data`
   * values are digests (secret-digest.ts), never the values, and its last-applied annotation is gone.
   */
  objects: Record<string, unknown>[];
  /** The key of this baseline's Secret value digests (absent: the baseline holds no Secret). */
  secretDigestKey?: string;
}
