import type { Connection } from 'vscode-languageserver';
import type { SchemaVersions } from '../core/schema/versions';
import { gitBaselineLoader } from '../io/git-baseline';
import { registerCodeActions } from './actions';
import { BaselineLoader, type LoadBaseline } from './baseline-loader';
import { EVENT_LOOP, type Clock } from './clock';
import { recheckOpen, safeOn, type ServerContext } from './context';
import { registerDocumentSync } from './document-sync';
import { registerFeatures } from './features';
import { registerKustomize } from './kustomize';
import { registerLifecycle } from './lifecycle';
import { registerNavigation } from './navigation';
import { registerNotifications } from './notifications';
import { Publisher } from './publish';
import { Scheduler } from './scheduler';
import { ServerState } from './state';

export interface ServerOptions {
  /** See DocumentStore (the process entry passes V8's low-memory collection). */
  collectGarbage?: () => void;
  /** Tests pass a fake clock (test/lsp/fake-clock.ts) to run the server's turns one by one. */
  clock?: Clock;
  /** Tests pass their own git reader. */
  loadGitBaseline?: LoadBaseline;
}

/**
 * The server as explicit pieces: the state, the scheduler that publishes, the baseline loader, and
 * the handler modules, each snapshot → core → convert. Does not listen: `startServer` does, and
 * tests drive the returned context through an in-memory connection.
 */
export function createServer(connection: Connection, versions: SchemaVersions, options: ServerOptions = {}): ServerContext {
  const clock = options.clock ?? EVENT_LOOP;
  const safe = safeOn(connection);
  const state = new ServerState(versions, options.collectGarbage);
  const publisher = new Publisher(connection, state, safe);
  const scheduler = new Scheduler((uri) => publisher.publish(uri), clock);
  const baseline = new BaselineLoader(options.loadGitBaseline ?? gitBaselineLoader(), (loaded) => {
    state.gitBaseline = loaded;
    recheckOpen(ctx);
  });
  const ctx: ServerContext = { connection, state, scheduler, baseline, publisher, clock, safe };
  registerLifecycle(ctx);
  registerNotifications(ctx);
  // Kustomize's code lens and preview; its builds answer definition from patches, path and target completion, overlay hover.
  const kustomize = registerKustomize(connection, () => state.workspace, (uri) => state.catalogFor(uri), (uri) => state.config.forUri(uri), safe);
  registerFeatures(ctx, kustomize);
  registerCodeActions(ctx);
  registerNavigation(connection, () => state.workspace, safe, kustomize.patchTargets);
  registerDocumentSync(ctx);
  return ctx;
}

/** Wires the connection to the core and listens. `collectGarbage`: see DocumentStore. */
export function startServer(connection: Connection, versions: SchemaVersions, collectGarbage?: () => void): void {
  createServer(connection, versions, { collectGarbage });
  connection.listen();
}
