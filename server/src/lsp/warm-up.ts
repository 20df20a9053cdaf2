import type { SchemaCatalog } from '../core/schema/catalog';
import type { Workspace } from '../core/workspace/workspace';
import type { Clock } from './clock';

/** Loads the validator of every kind present in the workspace (each is loaded once, then cached). */
export function warmValidators(catalog: SchemaCatalog, workspace: Workspace): void {
  const seen = new Set<string>();
  for (const o of workspace.index.objects) {
    const key = `${o.group}/${o.resource.version}/${o.kind}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const entry = catalog.entry(o.group, o.resource.version, o.kind);
    if (entry) catalog.validator(entry);
  }
}

/** How long the warm-up waits before it looks again whether the server is still busy. */
const BUSY_RETRY_MS = 20;

/**
 * Runs the start-up warm-up (core/features/warm-up.ts) one step per turn of the event loop, and
 * only while `busy()` is false (Scheduler.busy: a file waiting for diagnostics always goes first).
 */
export function warmUpWhenIdle(steps: (() => void)[], busy: () => boolean, clock: Clock, log: (message: string) => void): void {
  let next = 0;
  let workMs = 0;
  const turn = () => {
    if (next >= steps.length) return log(`kubesight: warmed up in ${workMs.toFixed(0)} ms of idle time (${steps.length} steps)`);
    if (busy()) return clock.after(BUSY_RETRY_MS, turn);
    const started = clock.now();
    try {
      steps[next++]();
    } catch (e) {
      log(`kubesight: warm-up failed: ${(e as Error).stack ?? e}`);
    }
    workMs += clock.now() - started;
    clock.nextTurn(turn);
  };
  clock.nextTurn(turn);
}
