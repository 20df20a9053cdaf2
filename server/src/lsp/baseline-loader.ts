import type { Baseline } from '../core/immutable/baseline';

/** Reads the objects at a git ref of a folder (io/git-baseline.ts); undefined when there are none. */
export type LoadBaseline = (cwd: string, ref: string) => Promise<Baseline | undefined>;

/** Which baseline is wanted: a folder on disk and a git ref. */
export interface BaselineTarget {
  cwd: string;
  ref: string;
}

/**
 * The git baseline of immutable-field, one load at a time, where the newest request wins. A request
 * made while a load runs is not dropped: it runs when that load ends (a save may have moved HEAD
 * after the load started), and the older load's result is discarded. Asking for no baseline clears
 * it at once, and a load still running then is discarded too.
 */
export class BaselineLoader {
  private loading = false;
  private queued: BaselineTarget | undefined;
  /** Bumped by every request: a load whose generation is older was superseded. */
  private generation = 0;

  constructor(
    private readonly load: LoadBaseline,
    private readonly apply: (baseline: Baseline | undefined) => void,
  ) {}

  request(target: BaselineTarget | undefined): void {
    const generation = ++this.generation;
    this.queued = undefined;
    if (!target) return this.apply(undefined);
    if (this.loading) {
      this.queued = target;
      return;
    }
    this.start(target, generation);
  }

  private start(target: BaselineTarget, generation: number): void {
    this.loading = true;
    void this.load(target.cwd, target.ref)
      .catch(() => undefined)
      .then((loaded) => {
        this.loading = false;
        if (generation === this.generation) this.apply(loaded);
        const next = this.queued;
        this.queued = undefined;
        if (next) this.start(next, this.generation);
      });
  }
}
