import { customKindsOf } from '../schema/crd';
import type { SchemaCatalog } from '../schema/catalog';
import type { SchemaVersions } from '../schema/versions';
import type { Workspace } from './workspace';

/**
 * The catalog that also knows the custom resources defined by the workspace's CRDs. Rebuilt only
 * when the CRDs' text changes, so built-in validators (and the findings cache) survive edits.
 */
export class WorkspaceCatalog {
  private key = '';
  private current: SchemaCatalog;

  constructor(private readonly base: SchemaCatalog) {
    this.current = base;
  }

  for(workspace: Workspace): SchemaCatalog {
    const crds = workspace.index.ofKind('apiextensions.k8s.io', 'CustomResourceDefinition', '');
    const key = crds.map((o) => `${o.uri}\u0000${o.resource.document.source}`).join('\u0001');
    if (key !== this.key) {
      this.key = key;
      // Each kind remembers the file of its CRD (`origin`): the schema rule weighs unknown fields by it.
      this.current = crds.length ? this.base.withCustomKinds(crds.flatMap((o) => customKindsOf([o.resource], o.uri))) : this.base;
    }
    return this.current;
  }
}

/** One WorkspaceCatalog per target Kubernetes version, created when a file first targets it. */
export class TargetCatalogs {
  private readonly byVersion = new Map<string, WorkspaceCatalog>();

  constructor(private readonly versions: SchemaVersions) {}

  /** The catalog of `version` (a bundled one; the newest for any other) with the workspace's CRDs. */
  for(workspace: Workspace, version: string): SchemaCatalog {
    const resolved = this.versions.resolve(version) ?? this.versions.newest;
    let catalogs = this.byVersion.get(resolved);
    if (!catalogs) {
      catalogs = new WorkspaceCatalog(this.versions.catalog(resolved)!);
      this.byVersion.set(resolved, catalogs);
    }
    return catalogs.for(workspace);
  }
}
