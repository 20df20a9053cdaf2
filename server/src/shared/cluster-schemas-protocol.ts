// The schemas of the custom resources the connected cluster serves, from its OpenAPI v3
// (`/openapi/v3`, one document per group-version). client/src/cluster/cluster-schemas.ts fetches
// them; the server's core converts them (core/schema/cluster-schemas.ts). Pure data, no LSP types.

/** `kubesight/clusterSchemas`; `null` means no cluster (disconnected, untrusted, offline). */
export const CLUSTER_SCHEMAS_NOTIFICATION = 'kubesight/clusterSchemas';

export interface ClusterSchemaDocument {
  /** The index's key, e.g. `apis/cert-manager.io/v1`. */
  path: string;
  /** The `hash` of the document's `serverRelativeURL`: it changes when the document does. */
  hash: string;
  /** The document's `components.schemas`. */
  schemas: Record<string, unknown>;
}

export interface ClusterSchemasParams {
  /** Kubeconfig context name, for messages. */
  context: string;
  documents: ClusterSchemaDocument[];
}

/**
 * The API groups Kubernetes itself serves: their schemas are bundled, so only the other groups'
 * documents (CRDs, aggregated APIs) are fetched. `gateway.networking.k8s.io` is a CRD group.
 */
export const BUILTIN_API_GROUPS: readonly string[] = [
  'admissionregistration.k8s.io', 'apiextensions.k8s.io', 'apiregistration.k8s.io', 'apps', 'authentication.k8s.io',
  'authorization.k8s.io', 'autoscaling', 'batch', 'certificates.k8s.io', 'coordination.k8s.io', 'discovery.k8s.io', 'events.k8s.io',
  'flowcontrol.apiserver.k8s.io', 'internal.apiserver.k8s.io', 'metrics.k8s.io', 'networking.k8s.io', 'node.k8s.io', 'policy',
  'rbac.authorization.k8s.io', 'resource.k8s.io', 'scheduling.k8s.io', 'storage.k8s.io', 'storagemigration.k8s.io',
];

/** The group of an `/openapi/v3` index key (`apis/<group>/<version>`) worth fetching, else undefined. */
export function customGroupOfPath(path: string): string | undefined {
  const m = /^apis\/([^/]+)\/[^/]+$/.exec(path);
  return m && !BUILTIN_API_GROUPS.includes(m[1]) ? m[1] : undefined;
}
