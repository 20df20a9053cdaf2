import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire, Module } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { cachedDataVersionTag } from 'node:v8';
import { Script } from 'node:vm';

/**
 * V8 code caches of generated CommonJS files (the precompiled validators, dist/validators): a fresh
 * process then neither parses a pod-template kind's ~340 KB of code again nor compiles, function by
 * function, the code the last process ran. Measured on the 20,000-line benchmark file: loading its
 * 17 validators and their first 673 validations take ~27 ms instead of ~66 ms.
 *
 * The caches live in the user's cache folder, one file per generated file, named by its path, size
 * and mtime; V8's version tag (version and flags) names the folder. A cache is written a few
 * seconds after its file was loaded without one, so it holds the functions that ran. Any failure
 * (no folder, a cache V8 rejects, a write error) only means loading without a cache.
 */
export class CodeCache {
  private readonly pending: { path: string; script: Script }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dir: string,
    private readonly delayMs = 3000,
  ) {}

  /**
   * The user's cache (KUBESIGHT_CODE_CACHE names another folder, `off` disables it). Caches made
   * by another V8 version or under other flags sit in folders of their own; those not written to
   * for STALE_AFTER_MS are removed in the background (one still used by another runtime only has
   * its caches written again).
   */
  static forUser(): CodeCache | undefined {
    const setting = process.env.KUBESIGHT_CODE_CACHE;
    if (setting === 'off') return undefined;
    const root = setting || userCacheDir();
    if (!root) return undefined;
    const folder = `v8-${process.versions.v8}-${cachedDataVersionTag()}`;
    void removeStaleFolders(root, folder);
    return new CodeCache(join(root, folder));
  }

  /** `require(file)`, with the file's code cache when there is a valid one. */
  require(file: string): unknown {
    const source = readFileSync(file, 'utf8');
    const { size, mtimeMs } = statSync(file);
    const cachePath = join(this.dir, `${createHash('sha1').update(`${file}\0${size}\0${mtimeMs}`).digest('hex')}.bin`);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(cachePath);
    } catch {
      cachedData = undefined;
    }
    const script = new Script(Module.wrap(source), { filename: file, cachedData });
    const module = { exports: {} as Record<string, unknown> };
    const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
    wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
    if (!cachedData || script.cachedDataRejected) this.writeLater(cachePath, script);
    return module.exports;
  }

  private writeLater(path: string, script: Script): void {
    this.pending.push({ path, script });
    if (this.timer) return;
    this.timer = setTimeout(() => this.writeNext(true), this.delayMs);
    this.timer.unref();
  }

  /** One cache per timer tick: serialising a large script takes a few milliseconds. */
  private writeNext(first = false): void {
    this.timer = undefined;
    if (first) {
      try {
        mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      } catch {
        this.pending.length = 0;
        return;
      }
    }
    const next = this.pending.shift();
    if (!next) return;
    try {
      const tmp = `${next.path}.${process.pid}.tmp`;
      void writeFile(tmp, next.script.createCachedData())
        .then(() => rename(tmp, next.path))
        .catch(() => undefined);
    } catch {
      // no cache for this one
    }
    if (this.pending.length > 0) {
      this.timer = setTimeout(() => this.writeNext(), 20);
      this.timer.unref();
    }
  }
}

/** A folder of caches no process has written to for this long is left from an older V8 or flags. */
export const STALE_AFTER_MS = 30 * 24 * 3600 * 1000;

/** Removes `v8-*` folders under `root` other than `current` that were last written before STALE_AFTER_MS. */
export async function removeStaleFolders(root: string, current: string, now = Date.now()): Promise<void> {
  try {
    for (const name of await readdir(root)) {
      if (!name.startsWith('v8-') || name === current) continue;
      const folder = join(root, name);
      if (now - (await stat(folder)).mtimeMs > STALE_AFTER_MS) await rm(folder, { recursive: true, force: true });
    }
  } catch {
    // no cache folder yet, or one we may not touch: nothing to tidy
  }
}

/** The platform's per-user cache folder for Kubesight. */
function userCacheDir(): string | undefined {
  try {
    if (process.platform === 'win32') return join(process.env.LOCALAPPDATA || join(homedir(), 'AppData', 'Local'), 'kubesight', 'Cache');
    if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'kubesight');
    return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kubesight');
  } catch {
    return undefined;
  }
}
