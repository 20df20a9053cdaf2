import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, mergeConfig, type Config } from '../core/config';

export const CONFIG_NAME = CONFIG_FILE_NAME;

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
  let value: unknown;
  try {
    value = parse(readFileSync(path, 'utf8')) as unknown;
  } catch (e) {
    // yaml's message names line and column, not the file.
    throw new Error(`${path}: ${(e as Error).message.split('\n')[0].replace(/:$/, '')}: the configuration cannot be read`);
  }
  if (value === null || value === undefined) return base;
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${path}: expected a mapping with kubernetesVersion, rules and ignore`);
  return mergeConfig(base, value as Record<string, unknown>, path);
}

/**
 * The `.kubesight.yaml` of a workspace folder (its own, not a parent's), as text without a BOM;
 * undefined when the folder is not on disk or the file is missing or unreadable.
 */
export function readFolderConfigFile(folderUri: string): { uri: string; text: string } | undefined {
  if (!folderUri.startsWith('file:')) return undefined;
  const path = join(fileURLToPath(folderUri), CONFIG_NAME);
  if (!existsSync(path)) return undefined;
  try {
    return { uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8').replace(/^\uFEFF/, '') };
  } catch {
    return undefined;
  }
}
