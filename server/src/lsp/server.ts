import { CodeActionKind, DidChangeConfigurationNotification, TextDocumentSyncKind, type CodeAction, type Connection, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import { complete } from '../core/features/completion';
import { diagnoseWorkspaceFile } from '../core/features/diagnostics';
import { FindingsCache } from '../core/features/findings-cache';
import { BuildDiagnostics } from '../core/features/build-diagnostics';
import { diskBuildFiles } from '../io/kustomize-files';
import { hover } from '../core/features/hover';
import { referenceHover } from '../core/features/reference-hover';
import { documentSymbols } from '../core/features/symbols';
import { ingressConversion } from '../core/features/ingress-to-gateway';
import type { Finding } from '../core/findings';
import type { SchemaCatalog } from '../core/schema/catalog';
import type { Workspace } from '../core/workspace/workspace';
import { CLUSTER_INDEX_NOTIFICATION, LIVE_BASELINE_NOTIFICATION, type ClusterIndexParams, type LiveBaselineParams } from '../shared/cluster-protocol';
import { changedBuildTools, changedObjects, dependentFiles, linkedObjects } from '../core/workspace/dependents';
import { disableLineAction } from './actions';
import { ConfigResolver, type EditorSettings } from './config';
import { configFileDiagnostics } from './config-diagnostics';
import { toCodeAction, toCompletionItem, toDiagnostic, toDocumentSymbol, toHover } from './convert';
import { DocumentStore, MAX_SCANNED_FILE_BYTES } from './documents';
import { fileURLToPath } from 'node:url';
import { gitBaselineLoader } from '../io/git-baseline';
import { combineBaselines, type Baseline } from '../core/immutable/baseline';
import { liveBaseline } from '../core/immutable/live-baseline';
import { secretValueDigest } from '../shared/secret-digest';
import { TargetCatalogs, type CustomSources } from '../core/workspace/custom-kinds';
import type { Config } from '../core/config';
import { clusterSchemasOf, NO_CLUSTER_SCHEMAS, type ClusterSchemas } from '../core/schema/cluster-schemas';
import { CLUSTER_SCHEMAS_NOTIFICATION } from '../shared/cluster-schemas-protocol';
import type { SchemaVersions } from '../core/schema/versions';
import { targetVersion, type ClusterVersion, type TargetVersion } from '../core/features/target-version';
import { TARGET_VERSION_CHANGED_NOTIFICATION, TARGET_VERSION_REQUEST, type TargetVersionInfo } from '../shared/target-protocol';
import { registerNavigation } from './navigation';
import { registerKustomize } from './kustomize';
import { warmUpSteps } from '../core/features/warm-up';
import { snippetText, type SnippetDefinition } from '../core/features/snippet-completion';
import { DEFAULT_CONFIG } from '../core/config';
// Bundled by esbuild: the same snippets VS Code contributes, offered at the start of an empty document.
import SNIPPETS from '../../../snippets/kubernetes.json';

/** How long the work the folder scan leaves (validator warm-up, git baseline) waits for a first publish. */
const AFTER_SCAN_MS = 100;

/** Loads the validator of every kind present in the workspace (each is loaded once, then cached). */
function warmValidators(catalog: SchemaCatalog, workspace: Workspace): void {
  const seen = new Set<string>();
  for (const o of workspace.index.objects) {
    const key = `${o.group}/${o.resource.version}/${o.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = catalog.entry(o.group, o.resource.version, o.kind);
    if (entry) catalog.validator(entry);
  }
}

/**
 * Runs the start-up warm-up (core/features/warm-up.ts) one step per turn of the event loop, and
 * only while `busy()` is false: a file waiting for diagnostics always goes first.
 */
function warmUpWhenIdle(steps: (() => void)[], busy: () => boolean, log: (message: string) => void): void {
  let next = 0;
  let workMs = 0;
  const turn = () => {
    if (next >= steps.length) return void log(`kubesight: warmed up in ${workMs.toFixed(0)} ms of idle time (${steps.length} steps)`);
    // unref: the warm-up never keeps a Node process alive (browser timers have no unref).
    if (busy()) return void (setTimeout(turn, 20) as { unref?: () => void }).unref?.();
    const started = performance.now();
    try {
      steps[next++]();
    } catch (e) {
      log(`kubesight: warm-up failed: ${(e as Error).stack ?? e}`);
    }
    workMs += performance.now() - started;
    setImmediate(turn);
  };
  setImmediate(turn);
}

/** Wires the connection to the core. Each handler: snapshot → core → convert; failures are logged, never thrown. */
/** `collectGarbage`: see DocumentStore (the process entry passes V8's low-memory collection). */
export function startServer(connection: Connection, versions: SchemaVersions, collectGarbage?: () => void): void {
  // Namespace scope and warm-up use the newest release: scopes do not change between releases.
  const catalog = versions.catalog(versions.newest)!;
  const store = new DocumentStore(catalog, collectGarbage);
  const config = new ConfigResolver();
  const cache = new FindingsCache();
  // The Kustomize builds of the workspace's application roots (each rebuilt only when a file it read changed).
  const builds = new BuildDiagnostics();
  const catalogs = new TargetCatalogs(versions);
  // The connected cluster's version (from its index): the target when the user set none.
  let clusterVersion: ClusterVersion | undefined;
  const targetOf = (uri: string) => targetVersion(versions, config.forUri(uri), clusterVersion);
  // The connected cluster's CRD schemas (kubesight/clusterSchemas); a workspace CRD wins over them.
  let clusterSchemas: ClusterSchemas = NO_CLUSTER_SCHEMAS;
  const sourcesFor = (fileConfig: Config): CustomSources => ({ channel: fileConfig.gatewayAPIChannel, cluster: clusterSchemas.kinds, clusterKey: clusterSchemas.key });
  const catalogFor = (uri: string) => catalogs.for(store.workspace, targetOf(uri).version, sourcesFor(config.forUri(uri)));
  const published = new Map<string, Finding[]>();
  const pending = new Set<string>();
  let folders: string[] = [];
  // The objects at the configured git ref (immutable-field); reloaded after saves (a commit moves HEAD).
  let baseline: Baseline | undefined;
  let baselineLoading = false;
  const loadGitBaseline = gitBaselineLoader();
  // The live objects of the connected cluster (kubesight/liveBaseline); they win over git.
  let live: Baseline | undefined;
  const reloadBaseline = () => {
    const ref = config.immutableAgainst;
    const folder = folders.find((f) => f.startsWith('file:'));
    if (!ref || !folder || baselineLoading) {
      if (!ref) baseline = undefined;
      return;
    }
    baselineLoading = true;
    void loadGitBaseline(fileURLToPath(folder), ref)
      .then((loaded) => {
        baseline = loaded;
        schedule(store.open.keys());
      })
      .catch(() => undefined)
      .finally(() => (baselineLoading = false));
  };
  let canPullConfig = false;
  let flushScheduled = false;
  // Work the folder scan leaves for after the next publish: an open file must not wait for it.
  let afterScan: (() => void) | undefined;
  const runAfterScan = () => {
    const run = afterScan;
    afterScan = undefined;
    run?.();
  };
  // Diagnostics wait for the first settings (rule overrides), so a file never flashes findings
  // that the user's configuration turns off.
  let settingsLoaded!: () => void;
  let settingsReady = false;
  const ready = new Promise<void>((resolve) => (settingsLoaded = resolve)).then(() => void (settingsReady = true));

  const safe = <T>(name: string, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (e) {
      connection.console.error(`kubesight: ${name} failed: ${(e as Error).stack ?? e}`);
      return fallback;
    }
  };

  // A version that is not bundled, or a cluster outside the bundled range, is said once per session
  // (the file is checked against the nearest bundled version meanwhile, never silently).
  const told = new Set<string>();
  const tellOnce = (target: TargetVersion) => {
    const text = target.problem ?? target.note;
    if (!text || told.has(text)) return;
    told.add(text);
    connection.console.info(`kubesight: ${text}`);
    void (target.problem ? connection.window.showErrorMessage(`Kubesight: ${text}; checking against ${target.version}.`) : connection.window.showInformationMessage(`Kubesight: ${text}.`));
  };
  const targetsChanged = () => void connection.sendNotification(TARGET_VERSION_CHANGED_NOTIFICATION).catch(() => undefined);

  const publishConfigFiles = () =>
    safe('configuration diagnostics', undefined, () => {
      const isOpen = (uri: string) => store.open.get(uri) !== undefined;
      for (const p of configFileDiagnostics(folders, isOpen, (uri) => config.forUri(uri), versions.versions)) void connection.sendDiagnostics(p);
    });

  const publish = (uri: string) =>
    safe('diagnostics', undefined, () => {
      const doc = store.open.get(uri);
      if (doc && store.isTooLarge(uri)) {
        const message = `kubesight: file larger than ${MAX_SCANNED_FILE_BYTES / 1024 / 1024} MB; not analysed`;
        void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity: 3, source: 'kubesight', code: 'yaml-syntax', message }] });
        return;
      }
      const file = store.workspace.file(uri);
      if (!doc || !file) return;
      const ws = store.workspace;
      const fileConfig = config.forUri(uri);
      const target = targetVersion(versions, fileConfig, clusterVersion);
      tellOnce(target);
      const fileCatalog = catalogs.for(ws, target.version, sourcesFor(fileConfig));
      const buildFindings = builds.view(ws, { catalog: fileCatalog, configFor: (u) => config.forUri(u), cache, files: diskBuildFiles });
      const findings = config.validationEnabled ? diagnoseWorkspaceFile(ws, uri, { catalog: fileCatalog, config: fileConfig, cache, baseline: combineBaselines(live, baseline), builds: buildFindings }) : [];
      published.set(uri, findings);
      void connection.sendDiagnostics({ uri, version: doc.version, diagnostics: findings.map((f) => toDiagnostic(file.parsed.lines, f)) });
    });

  // Edited documents are published in the next turn of the event loop (no timer; a burst of edits
  // is checked once, at its newest version). Their dependents (other open files whose links may
  // have changed) follow in small slices, so the edited file's diagnostics and new requests never
  // wait behind a whole workspace.
  const dependents = new Set<string>();
  const DEPENDENT_SLICE = 16;
  const schedule = (uris: Iterable<string>, later: Iterable<string> = []) => {
    for (const uri of uris) pending.add(uri);
    for (const uri of later) if (!pending.has(uri)) dependents.add(uri);
    if (flushScheduled) return;
    flushScheduled = true;
    void ready.then(() => setImmediate(flush));
  };
  const flush = () => {
    flushScheduled = false;
    const batch = pending.size > 0 ? [...pending] : [...dependents].slice(0, DEPENDENT_SLICE);
    for (const uri of batch) {
      pending.delete(uri);
      dependents.delete(uri);
    }
    batch.forEach(publish);
    if (batch.length > 0 && pending.size === 0) runAfterScan();
    if (pending.size > 0 || dependents.size > 0) {
      flushScheduled = true;
      setImmediate(flush);
    }
  };

  const changed = (uri: string) => {
    const beforeFile = store.workspace.file(uri);
    const before = linkedObjects(beforeFile);
    store.update(uri);
    const afterFile = store.workspace.file(uri);
    const after = linkedObjects(afterFile);
    const others = store.open.keys().filter((u) => u !== uri);
    if (changedBuildTools(beforeFile, afterFile)) return schedule([uri], others);
    // The other files of the builds that read this one: their findings come from those builds.
    const sharing = new Set(builds.sharing(uri));
    schedule([uri], [...others.filter((u) => sharing.has(u)), ...dependentFiles(store.workspace, changedObjects(before, after), others)]);
  };

  const refreshSettings = async () => {
    if (!canPullConfig) return;
    const settings = (await connection.workspace.getConfiguration('kubesight').catch(() => undefined)) as EditorSettings | undefined;
    config.setSettings(settings);
    config.invalidate();
    targetsChanged();
    schedule(store.open.keys());
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfig = !!params.capabilities.workspace?.configuration;
    if (!canPullConfig) settingsLoaded();
    folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (folders.length === 0 && params.rootUri) folders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        completionProvider: { triggerCharacters: [' ', ':', '-'] },
        hoverProvider: true,
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
        codeLensProvider: {},
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        workspaceSymbolProvider: true,
      },
      serverInfo: { name: 'kubesight' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubesight' }).catch(() => undefined);
    // Warm-up starts now, while the client answers the settings request.
    const samples = Object.values(SNIPPETS as Record<string, SnippetDefinition>).map(snippetText);
    // A file waiting for diagnostics goes first, unless it waits for the settings anyway. So does
    // the folder scan: a file opened meanwhile waits for it (it may be one of the scanned files),
    // and the scan's own parsing warms the same code up.
    let scanning = folders.length > 0;
    const busy = () => scanning || (settingsReady && (pending.size > 0 || flushScheduled));
    warmUpWhenIdle(warmUpSteps({ catalog, config: DEFAULT_CONFIG, samples }), busy, (m) => connection.console.info(m));
    void refreshSettings()
      .finally(settingsLoaded)
      .then(async () => {
        // kubesight.files.exclude and the folder's .kubesight.yaml `ignore` both leave files out.
        const excludeFor = (folder: string) => [...config.excludeGlobs, ...config.forUri(`${folder.replace(/\/$/, '')}/.kubesight.yaml`).ignore];
        const count = await store.scanFolders(folders, excludeFor).catch((e: unknown) => {
          connection.console.error(`kubesight: workspace scan failed: ${(e as Error).stack ?? e}`);
          return 0;
        });
        scanning = false;
        connection.console.info(`kubesight: ${count} manifest files in the workspace`);
        // After the next publish: the scan has seen these kinds, so their validators load now
        // rather than on the first keystroke; git starts reading the baseline (spawning a process
        // from a large heap takes tens of milliseconds).
        afterScan = () => {
          safe('validator warm-up', undefined, () => warmValidators(catalogFor(`${(folders[0] ?? '').replace(/\/$/, '')}/.kubesight.yaml`), store.workspace));
          reloadBaseline();
        };
        // A file opened during the scan is usually waiting in the input already: give it a moment.
        setTimeout(runAfterScan, AFTER_SCAN_MS);
        // Open files were checked against a partial workspace while it was read.
        schedule(store.open.keys());
        publishConfigFiles();
      });
  });

  connection.onDidChangeConfiguration(() => void refreshSettings().then(reloadBaseline));
  store.open.onDidSave(() => reloadBaseline());
  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes) {
      if (change.uri.endsWith('.kubesight.yaml')) {
        config.invalidate();
        targetsChanged();
      } else store.diskChanged(change.uri, change.type === 3);
    }
    schedule(store.open.keys());
    if (params.changes.some((c) => c.uri.endsWith('.kubesight.yaml'))) publishConfigFiles();
  });

  // The client's index of the connected cluster's active namespace (null: disconnected): targets
  // that exist there are not missing, and every open file is checked again.
  connection.onNotification(CLUSTER_INDEX_NOTIFICATION, (params: unknown) =>
    safe('cluster index', undefined, () => {
      const index = params && typeof params === 'object' ? (params as ClusterIndexParams) : null;
      store.setCluster(index);
      const gitVersion = typeof index?.kubernetesVersion === 'string' ? index.kubernetesVersion : undefined;
      clusterVersion = index && gitVersion ? { gitVersion, context: String(index.context) } : undefined;
      targetsChanged();
      connection.console.info(index ? `kubesight: cluster index of context "${index.context}": ${Array.isArray(index.objects) ? index.objects.length : 0} objects` : 'kubesight: cluster index cleared');
      schedule(store.open.keys());
    }),
  );

  // The cluster's OpenAPI documents of its CRD groups (null: disconnected, untrusted or offline).
  connection.onNotification(CLUSTER_SCHEMAS_NOTIFICATION, (params: unknown) =>
    safe('cluster schemas', undefined, () => {
      clusterSchemas = clusterSchemasOf(params);
      connection.console.info(`kubesight: ${clusterSchemas.kinds.length} custom resource schemas from the cluster`);
      schedule(store.open.keys());
    }),
  );

  // The live counterparts of the open files' objects (null: disconnected), whatever the git ref.
  connection.onNotification(LIVE_BASELINE_NOTIFICATION, (params: unknown) =>
    safe('live baseline', undefined, () => {
      const p = params && typeof params === 'object' ? (params as LiveBaselineParams) : null;
      live = p ? liveBaseline(p, secretValueDigest) : undefined;
      connection.console.info(p ? `kubesight: live baseline of context "${p.context}": ${Array.isArray(p.objects) ? p.objects.length : 0} objects` : 'kubesight: live baseline cleared');
      schedule(store.open.keys());
    }),
  );

  store.open.onDidChangeContent((e) => changed(e.document.uri));
  store.open.onDidClose((e) => {
    store.close(e.document.uri);
    published.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    // A closed configuration file keeps its diagnostics, from the disk's text.
    if (e.document.uri.endsWith('/.kubesight.yaml')) publishConfigFiles();
  });

  // Kustomize's code lens and preview; its builds answer definition from patches, path and target completion, overlay hover.
  const kustomize = registerKustomize(connection, () => store.workspace, catalogFor, (uri) => config.forUri(uri), safe);
  connection.onCompletion((params) =>
    safe('completion', [], () => {
      const file = store.workspace.file(params.textDocument.uri)?.parsed;
      if (!file) return [];
      const inKustomization = kustomize.completion(store.workspace, params.textDocument.uri, file.lines.offsetAt(params.position));
      if (inKustomization) return inKustomization.map((e) => toCompletionItem(file.lines, e));
      return complete(file, file.lines.offsetAt(params.position), catalogFor(params.textDocument.uri), store.workspace, SNIPPETS).map((e) => toCompletionItem(file.lines, e));
    }),
  );

  connection.onHover((params) =>
    safe('hover', null, () => {
      const file = store.workspace.file(params.textDocument.uri)?.parsed;
      const offset = file?.lines.offsetAt(params.position) ?? 0;
      const uri = params.textDocument.uri;
      const target = targetOf(uri);
      const found = file ? (referenceHover(store.workspace, uri, offset) ?? hover(file, offset, catalogFor(uri), store.workspace, target.from)) : undefined;
      const result = file ? kustomize.withOverlayValues(store.workspace, uri, offset, found) : undefined;
      return file && result ? toHover(file.lines, result) : null;
    }),
  );

  connection.onDocumentSymbol((params) =>
    safe('symbols', [], () => {
      const file = store.workspace.file(params.textDocument.uri)?.parsed;
      return file ? documentSymbols(file).map((s) => toDocumentSymbol(file.lines, s)) : [];
    }),
  );

  connection.onCodeAction((params) =>
    safe('code actions', [] as CodeAction[], () => {
      const uri = params.textDocument.uri;
      const file = store.workspace.file(uri)?.parsed;
      if (!file) return [];
      const start = file.lines.offsetAt(params.range.start);
      const end = file.lines.offsetAt(params.range.end);
      const findings = (published.get(uri) ?? []).filter((f) => f.start <= end && f.end >= start);
      const linesOf = (u: string) => store.workspace.file(u)?.parsed.lines;
      const fixes = findings.flatMap((f) => (f.fixes ?? []).map((fix) => toCodeAction(linesOf, uri, fix, toDiagnostic(file.lines, f))));
      const ruleIds = [...new Set(findings.map((f) => f.ruleId))];
      const wantsRewrites = !params.context.only || params.context.only.some((k) => CodeActionKind.RefactorRewrite.startsWith(k));
      const conversion = wantsRewrites ? ingressConversion(store.workspace, uri, start) : undefined;
      const rewrites = conversion ? [toCodeAction(linesOf, uri, conversion, undefined, CodeActionKind.RefactorRewrite)] : [];
      return [...fixes, ...ruleIds.map((id) => disableLineAction(file, uri, findings.find((f) => f.ruleId === id)!)), ...rewrites];
    }),
  );

  connection.onRequest(TARGET_VERSION_REQUEST, (params: unknown): TargetVersionInfo =>
    safe('target version', { version: versions.newest, from: 'the newest bundled version' }, () => {
      const uri = params && typeof params === 'object' && typeof (params as { uri?: unknown }).uri === 'string' ? (params as { uri: string }).uri : '';
      return targetOf(uri);
    }),
  );

  registerNavigation(connection, () => store.workspace, safe, kustomize.patchTargets);

  store.open.listen(connection);
  connection.listen();
}
