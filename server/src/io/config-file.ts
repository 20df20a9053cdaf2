import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_CONFIG, mergeConfig, type Config } from '../core/config';

export const CONFIG_NAME = '.kubesight.yaml';

/** The nearest .kubesight.yaml from `start` upward, if any. */
export function findConfigFile(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads a config file; a broken one is an error the CLI reports (exit 2), not silently ignored. */
export function loadConfigFile(path: string, base: Config = DEFAULT_CONFIG): Config {
  const value = parse(readFileSync(path, 'utf8')) as unknown;
  if (value === null || value === undefined) return base;
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${path}: expected a mapping with kubernetesVersion, rules and ignore`);
  return mergeConfig(base, value as Record<string, unknown>);
}
