import { DidChangeConfigurationNotification, TextDocumentSyncKind, type InitializeParams, type InitializeResult } from 'vscode-languageserver';
import { DEFAULT_CONFIG } from '../core/config';
import { snippetText, type SnippetDefinition } from '../core/features/snippet-completion';
import { warmUpSteps } from '../core/features/warm-up';
import type { EditorSettings } from './config';
import { recheckOpen, reloadBaseline, type ServerContext } from './context';
import { warmUpWhenIdle, warmValidators } from './warm-up';
// Bundled by esbuild: the same snippets VS Code contributes, offered at the start of an empty document.
import SNIPPETS from '../../../snippets/kubernetes.json';

const CAPABILITIES: InitializeResult['capabilities'] = {
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
};

/** `initialize` (folders, capabilities), then `initialized`: warm-up, the first settings, the folder scan. */
export function registerLifecycle(ctx: ServerContext): void {
  const { connection, state, scheduler } = ctx;
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    state.canPullConfig = !!params.capabilities.workspace?.configuration;
    if (!state.canPullConfig) scheduler.settingsArrived();
    state.folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (state.folders.length === 0 && params.rootUri) state.folders = [params.rootUri];
    return { capabilities: CAPABILITIES, serverInfo: { name: 'kubesight' } };
  });

  connection.onInitialized(() => {
    if (state.canPullConfig) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'kubesight' }).catch(() => undefined);
    // The folder scan goes before the warm-up: a file opened meanwhile waits for it (it may be one
    // of the scanned files), and the scan's own parsing warms the same code up.
    if (state.folders.length > 0) scheduler.scanExpected();
    // Warm-up starts now, while the client answers the settings request.
    const samples = Object.values(SNIPPETS as Record<string, SnippetDefinition>).map(snippetText);
    warmUpWhenIdle(warmUpSteps({ catalog: state.catalog, config: DEFAULT_CONFIG, samples }), () => scheduler.busy, ctx.clock, (m) => connection.console.info(m));
    void refreshSettings(ctx)
      .finally(() => scheduler.settingsArrived())
      .then(() => scanWorkspace(ctx));
  });
}

/** Pulls the `kubesight` settings (when the client answers that request) and checks every open file again. */
export async function refreshSettings(ctx: ServerContext): Promise<void> {
  if (!ctx.state.canPullConfig) return;
  const settings = (await ctx.connection.workspace.getConfiguration('kubesight').catch(() => undefined)) as EditorSettings | undefined;
  ctx.state.config.setSettings(settings);
  ctx.state.config.invalidate();
  ctx.publisher.targetsChanged();
  recheckOpen(ctx);
}

/** Reads the workspace folders, then checks the open files against the whole workspace. */
async function scanWorkspace(ctx: ServerContext): Promise<void> {
  const { connection, state, scheduler } = ctx;
  // kubesight.files.exclude and the folder's .kubesight.yaml `ignore` both leave files out.
  const excludeFor = (folder: string) => [...state.config.excludeGlobs, ...state.config.forUri(state.folderConfigUri(folder)).ignore];
  const count = await state.store.scanFolders(state.folders, excludeFor, (uris, read) => scheduler.scan(uris, read)).catch((e: unknown) => {
    connection.console.error(`kubesight: workspace scan failed: ${(e as Error).stack ?? e}`);
    return 0;
  });
  scheduler.scanEnded();
  connection.console.info(`kubesight: ${count} manifest files in the workspace`);
  // After the next publish: the scan has seen these kinds, so their validators load now rather
  // than on the first keystroke; git starts reading the baseline (spawning a process from a large
  // heap takes tens of milliseconds). A file opened during the scan is usually waiting in the
  // input already: it goes first.
  scheduler.afterNextPublish(() => {
    ctx.safe('validator warm-up', undefined, () => warmValidators(state.catalogFor(state.folderConfigUri()), state.workspace));
    reloadBaseline(ctx);
  });
  // Open files were checked against a partial workspace while it was read.
  recheckOpen(ctx);
  ctx.publisher.publishConfigFiles();
}
