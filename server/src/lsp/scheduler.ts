import type { Clock } from './clock';

/** Dependents published per turn: requests and edits interleave with a large re-check. */
export const DEPENDENT_SLICE = 16;
/** How long the work the folder scan leaves (validator warm-up, git baseline) waits for a first publish. */
export const AFTER_SCAN_MS = 100;
/** The folder scan reads files for this long per turn. */
export const SCAN_SLICE_MS = 20;

/**
 * When diagnostics are published. Edited documents go in the next turn of the event loop (no
 * timer: a burst of edits is checked once, at its newest version); their dependents (other open
 * files whose links may have changed) follow in slices of DEPENDENT_SLICE, so the edited file and
 * new requests never wait behind a whole workspace. Nothing is published before the first
 * settings (rule overrides): a file never flashes findings the user's configuration turns off.
 * The folder scan reads in slices too, and the work it leaves waits for the next publish.
 */
export class Scheduler {
  private readonly pending = new Set<string>();
  private readonly dependents = new Set<string>();
  private flushQueued = false;
  private settingsReady = false;
  private scanning = false;
  private afterScanWork: (() => void) | undefined;

  constructor(
    private readonly publish: (uri: string) => void,
    private readonly clock: Clock,
  ) {}

  /** The first settings have arrived: what waited for them is published from the next turn. */
  settingsArrived(): void {
    this.settingsReady = true;
    this.queueFlush();
  }

  /** `uris` are published next; `later` (their dependents) afterwards, a slice per turn. */
  schedule(uris: Iterable<string>, later: Iterable<string> = []): void {
    for (const uri of uris) this.pending.add(uri);
    for (const uri of later) if (!this.pending.has(uri)) this.dependents.add(uri);
    this.queueFlush();
  }

  /**
   * Whether a file waits for diagnostics (unless it waits for the settings anyway) or the folder
   * scan runs: idle work (the warm-up) yields to both.
   */
  get busy(): boolean {
    return this.scanning || (this.settingsReady && (this.pending.size > 0 || this.flushQueued));
  }

  /** A folder scan will run (from now on, though it waits for the settings): idle work waits for it. */
  scanExpected(): void {
    this.scanning = true;
  }

  /** Reads `items` in slices of SCAN_SLICE_MS per turn, so requests and edits are served meanwhile. */
  async scan<T>(items: readonly T[], read: (item: T) => void): Promise<void> {
    this.scanning = true;
    try {
      let next = 0;
      while (next < items.length) {
        const sliceEnd = this.clock.now() + SCAN_SLICE_MS;
        do read(items[next++]);
        while (next < items.length && this.clock.now() < sliceEnd);
        await new Promise<void>((resolve) => this.clock.nextTurn(resolve));
      }
    } finally {
      this.scanning = false;
    }
  }

  /** The scan could not run (it failed before reading). */
  scanEnded(): void {
    this.scanning = false;
  }

  /** Runs `work` after the next publish (an open file must not wait for it), at the latest after AFTER_SCAN_MS. */
  afterNextPublish(work: () => void): void {
    this.afterScanWork = work;
    this.clock.after(AFTER_SCAN_MS, () => this.runAfterScan());
  }

  private runAfterScan(): void {
    const work = this.afterScanWork;
    this.afterScanWork = undefined;
    work?.();
  }

  private queueFlush(): void {
    if (this.flushQueued || !this.settingsReady || (this.pending.size === 0 && this.dependents.size === 0)) return;
    this.flushQueued = true;
    this.clock.nextTurn(() => this.flush());
  }

  private flush(): void {
    this.flushQueued = false;
    const batch = this.pending.size > 0 ? [...this.pending] : [...this.dependents].slice(0, DEPENDENT_SLICE);
    for (const uri of batch) {
      this.pending.delete(uri);
      this.dependents.delete(uri);
    }
    batch.forEach(this.publish);
    if (batch.length > 0 && this.pending.size === 0) this.runAfterScan();
    this.queueFlush();
  }
}
