/**
 * The server's time and turns of the event loop, injected so the scheduler, the folder scan and
 * the warm-up run step by step under a test's fake clock (test/lsp/fake-clock.ts).
 */
export interface Clock {
  now(): number;
  /** Runs `run` in a later turn of the event loop, after the input waiting now (setImmediate). */
  nextTurn(run: () => void): void;
  /** Runs `run` after `ms`; the timer never keeps a Node process alive. */
  after(ms: number, run: () => void): void;
}

export const EVENT_LOOP: Clock = {
  now: () => performance.now(),
  nextTurn: (run) => void setImmediate(run),
  // Browser timers have no unref.
  after: (ms, run) => void (setTimeout(run, ms) as { unref?: () => void }).unref?.(),
};
