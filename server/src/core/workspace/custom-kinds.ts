import { customKindsOf } from '../schema/crd';
import type { KindEntry, SchemaCatalog } from '../schema/catalog';
import type { GatewayChannel } from '../schema/crd-catalog';
import type { SchemaVersions } from '../schema/versions';
import type { Workspace } from './workspace';

/** What a catalog knows beside the built-in kinds and the workspace's CRDs. */
export interface CustomSources {
  /** The bundled catalog's Gateway API channel (default standard). */
  channel?: GatewayChannel;
  /** Schemas from the connected cluster (cluster-schemas.ts); a workspace CRD wins over them. */
  cluster?: readonly KindEntry[];
  /** Changes whenever `cluster` does (the documents' hashes): spares comparing schemas. */
  clusterKey?: string;
}

/**
 * The catalog that also knows the custom resources defined by the workspace's CRDs, the cluster's
 * schemas and the bundled catalog's channel. Rebuilt only when the CRDs' text or those sources
 * change, so validators (and the findings cache) survive edits.
 */
export class WorkspaceCatalog {
  private key = '';
  private current: SchemaCatalog;

  constructor(private readonly base: SchemaCatalog) {
    this.current = base;
  }

  for(workspace: Workspace, sources: CustomSources = {}): SchemaCatalog {
    const crds = workspace.index.ofKind('apiextensions.k8s.io', 'CustomResourceDefinition', '');
    const channel = sources.channel ?? 'standard';
    const key = [channel, sources.clusterKey ?? '', ...crds.map((o) => `${o.uri}\u0000${o.resource.document.source}`)].join('\u0001');
    if (key !== this.key) {
      this.key = key;
      const layers = { channel, cluster: sources.cluster ?? [] };
      const plain = crds.length === 0 && channel === 'standard' && layers.cluster.length === 0;
      // Each kind remembers the file of its CRD (`origin`): the schema rule weighs unknown fields by it.
      this.current = plain ? this.base : this.base.withCustomKinds(crds.flatMap((o) => customKindsOf([o.resource], o.uri)), layers);
    }
    return this.current;
  }
}

/** One WorkspaceCatalog per target Kubernetes version and Gateway API channel, created when a file first targets it. */
export class TargetCatalogs {
  private readonly byVersion = new Map<string, WorkspaceCatalog>();

  constructor(private readonly versions: SchemaVersions) {}

  /** The catalog of `version` (a bundled one; the newest for any other) with the workspace's CRDs. */
  for(workspace: Workspace, version: string, sources: CustomSources = {}): SchemaCatalog {
    const resolved = this.versions.resolve(version) ?? this.versions.newest;
    const key = `${resolved}/${sources.channel ?? 'standard'}`;
    let catalogs = this.byVersion.get(key);
    if (!catalogs) {
      catalogs = new WorkspaceCatalog(this.versions.catalog(resolved)!);
      this.byVersion.set(key, catalogs);
    }
    return catalogs.for(workspace, sources);
  }
}
