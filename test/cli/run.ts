// Runs the built CLI (dist/cli.js, which npm ci builds) as a child process.
import { spawnSync, type SpawnSyncOptionsWithStringEncoding } from 'node:child_process';
import { resolve } from 'node:path';

const CLI = resolve('dist/cli.js');

/** `kubesight ...args` in `cwd`, its output as text. */
export function runCli(args: string[], cwd: string, options: Omit<SpawnSyncOptionsWithStringEncoding, 'cwd' | 'encoding'> = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', ...options });
}
