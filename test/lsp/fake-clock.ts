// A clock for the server's scheduler whose turns and timers run only when a test says so.
import type { Clock } from '../../server/src/lsp/clock';

export class FakeClock implements Clock {
  time = 0;
  private readonly turns: (() => void)[] = [];
  private readonly timers: { at: number; run: () => void }[] = [];

  now(): number {
    return this.time;
  }

  nextTurn(run: () => void): void {
    this.turns.push(run);
  }

  after(ms: number, run: () => void): void {
    this.timers.push({ at: this.time + ms, run });
  }

  /** Turns waiting to run. */
  get queued(): number {
    return this.turns.length;
  }

  /** Runs the turns queued now (those they queue wait for the next call); how many ran. */
  runTurns(): number {
    const now = this.turns.splice(0);
    for (const run of now) run();
    return now.length;
  }

  /** Moves the time on and runs the timers due by then, in order. */
  advance(ms: number): void {
    this.time += ms;
    const due = this.timers.filter((t) => t.at <= this.time).sort((a, b) => a.at - b.at);
    for (const t of due) this.timers.splice(this.timers.indexOf(t), 1);
    for (const t of due) t.run();
  }
}

/** Lets promise continuations and the real event loop's pending I/O run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
