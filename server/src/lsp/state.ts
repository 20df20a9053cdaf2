import { BuildDiagnostics } from '../core/features/build-diagnostics';
import { diagnoseWorkspaceFile } from '../core/features/diagnostics';
import { FindingsCache } from '../core/features/findings-cache';
import { WorkspaceFindingsCache } from '../core/features/workspace-findings';
import { targetVersion, type ClusterVersion, type TargetVersion } from '../core/features/target-version';
import type { Finding } from '../core/findings';
import { combineBaselines, type Baseline } from '../core/immutable/baseline';
import type { LineIndex } from '../core/model/line-index';
import type { SchemaCatalog } from '../core/schema/catalog';
import { NO_CLUSTER_SCHEMAS, type ClusterSchemas } from '../core/schema/cluster-schemas';
import type { SchemaVersions } from '../core/schema/versions';
import { TargetCatalogs, type CustomSources } from '../core/workspace/custom-kinds';
import type { Workspace } from '../core/workspace/workspace';
import type { Config } from '../core/config';
import { diskBuildFiles } from '../io/kustomize-files';
import { ConfigResolver } from './config';
import { DocumentStore } from './documents';

/** The findings of one file's text, at the version of the snapshot they were computed from. */
export interface FileFindings {
  version: number;
  lines: LineIndex;
  findings: Finding[];
  /** The Kubernetes version the file was checked against. */
  target: TargetVersion;
}

/**
 * Everything the language server knows, as one object the handlers read: the documents and the
 * workspace snapshot, the configuration, the catalogs, what the client sent about the cluster, the
 * baselines, and the findings last published per file. The handlers change it; nothing else does.
 */
export class ServerState {
  /** Namespace scope and warm-up use the newest release: scopes do not change between releases. */
  readonly catalog: SchemaCatalog;
  readonly store: DocumentStore;
  readonly config = new ConfigResolver();
  readonly cache = new FindingsCache();
  /** Workspace-rule findings per open file's document, with what they read (reused while that is unchanged). */
  readonly workspaceCache = new WorkspaceFindingsCache();
  /** The Kustomize builds of the workspace's application roots (each rebuilt only when a file it read changed). */
  readonly builds = new BuildDiagnostics();
  readonly catalogs: TargetCatalogs;
  /** The workspace folders (URIs) from `initialize`. */
  folders: string[] = [];
  /** Whether the client answers `workspace/configuration`. */
  canPullConfig = false;
  /** The connected cluster's version (from its index): the target when the user set none. */
  clusterVersion: ClusterVersion | undefined;
  /** The connected cluster's CRD schemas (kubesight/clusterSchemas); a workspace CRD wins over them. */
  clusterSchemas: ClusterSchemas = NO_CLUSTER_SCHEMAS;
  /** The objects at the configured git ref (immutable-field), from BaselineLoader. */
  gitBaseline: Baseline | undefined;
  /** The live objects of the connected cluster (kubesight/liveBaseline); they win over git. */
  liveBaseline: Baseline | undefined;
  /** What was last published per open file (code actions use it when it is for the current version). */
  readonly published = new Map<string, FileFindings>();
  // The combination of the two baselines, kept while neither changes: its identity is an input of
  // the workspace findings cache, so a new one per analysis would recompute every document.
  private combined: { live: Baseline | undefined; git: Baseline | undefined; baseline: Baseline | undefined } | undefined;

  constructor(
    readonly versions: SchemaVersions,
    collectGarbage?: () => void,
  ) {
    this.catalog = versions.catalog(versions.newest)!;
    this.store = new DocumentStore(this.catalog, collectGarbage);
    this.catalogs = new TargetCatalogs(versions);
  }

  /** The current snapshot (replaced on every change). */
  get workspace(): Workspace {
    return this.store.workspace;
  }

  targetOf(uri: string): TargetVersion {
    return targetVersion(this.versions, this.config.forUri(uri), this.clusterVersion);
  }

  /** The catalog of the file's target version with the workspace's (and the cluster's) CRDs. */
  catalogFor(uri: string, target = this.targetOf(uri)): SchemaCatalog {
    return this.catalogs.for(this.workspace, target.version, this.sourcesFor(this.config.forUri(uri)));
  }

  /** The open documents' URIs. */
  openUris(): string[] {
    return this.store.open.keys();
  }

  /** The folder's `.kubesight.yaml` URI: configuration of the folder as a whole. */
  folderConfigUri(folder = this.folders[0] ?? ''): string {
    return `${folder.replace(/\/$/, '')}/.kubesight.yaml`;
  }

  /** The first folder on disk (git reads it). */
  diskFolder(): string | undefined {
    return this.folders.find((f) => f.startsWith('file:'));
  }

  /** Core diagnostics of `uri` in the current snapshot; undefined when the snapshot does not hold it. */
  diagnose(uri: string): FileFindings | undefined {
    const ws = this.workspace;
    const file = ws.file(uri);
    if (!file) return undefined;
    const target = this.targetOf(uri);
    if (!this.config.validationEnabled) return { version: file.version, lines: file.parsed.lines, findings: [], target };
    const catalog = this.catalogFor(uri, target);
    const builds = this.builds.view(ws, { catalog, configFor: (u) => this.config.forUri(u), cache: this.cache, files: diskBuildFiles });
    const baseline = this.baseline();
    const findings = diagnoseWorkspaceFile(ws, uri, { catalog, config: this.config.forUri(uri), cache: this.cache, workspaceCache: this.workspaceCache, baseline, builds });
    return { version: file.version, lines: file.parsed.lines, findings, target };
  }

  /** The findings of the file's current version: the published ones when they are of it, else computed now. */
  currentFindings(uri: string): FileFindings | undefined {
    const published = this.published.get(uri);
    const file = this.workspace.file(uri);
    if (published && file && published.version === file.version && published.lines === file.parsed.lines) return published;
    return this.diagnose(uri);
  }

  /** The live baseline before git, the same object while neither changed. */
  private baseline(): Baseline | undefined {
    const { liveBaseline: live, gitBaseline: git } = this;
    let combined = this.combined;
    if (!combined || combined.live !== live || combined.git !== git) this.combined = combined = { live, git, baseline: combineBaselines(live, git) };
    return combined.baseline;
  }

  private sourcesFor(fileConfig: Config): CustomSources {
    return { channel: fileConfig.gatewayAPIChannel, cluster: this.clusterSchemas.kinds, clusterKey: this.clusterSchemas.key };
  }
}
