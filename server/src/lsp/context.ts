import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import type { BaselineLoader } from './baseline-loader';
import type { Clock } from './clock';
import type { Publisher } from './publish';
import type { Scheduler } from './scheduler';
import type { ServerState } from './state';

/** Runs a handler's work; a failure is logged and answered with `fallback`, never thrown. */
export type Safe = <T>(name: string, fallback: T, run: () => T) => T;

/** What every handler module is given: the connection, the state, and the pieces that act on it. */
export interface ServerContext {
  readonly connection: Connection;
  readonly state: ServerState;
  readonly scheduler: Scheduler;
  readonly baseline: BaselineLoader;
  readonly publisher: Publisher;
  readonly clock: Clock;
  readonly safe: Safe;
}

export function safeOn(connection: Connection): Safe {
  return (name, fallback, run) => {
    try {
      return run();
    } catch (e) {
      connection.console.error(`kubesight: ${name} failed: ${(e as Error).stack ?? e}`);
      return fallback;
    }
  };
}

/** Checks every open document again (settings, cluster, baseline or disk changed). */
export function recheckOpen(ctx: ServerContext): void {
  ctx.scheduler.schedule(ctx.state.openUris());
}

/** Asks for the git baseline the settings name (none when `kubesight.immutable.against` is ''). */
export function reloadBaseline(ctx: ServerContext): void {
  const ref = ctx.state.config.immutableAgainst;
  const folder = ctx.state.diskFolder();
  // Without a folder on disk there is nothing to read (and nothing was read before).
  if (ref && !folder) return;
  ctx.baseline.request(ref && folder ? { cwd: fileURLToPath(folder), ref } : undefined);
}
