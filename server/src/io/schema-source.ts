import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { KindEntry, SchemaIndex, SchemaSource } from '../core/schema/catalog';
import { SchemaCatalog } from '../core/schema/catalog';
import type { CodeCache } from './code-cache';

/**
 * Finds `relative` (e.g. `schemas/index.json`) in this file's folder or above it: beside dist/ when
 * bundled, at the project root when run from sources (tests).
 */
function findUp(relative: string, start: string = __dirname): string | undefined {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, relative))) return join(dir, relative);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

export function findSchemasDir(): string {
  const index = findUp(join('schemas', 'index.json'));
  if (!index) throw new Error(`Kubesight: bundled schemas not found above ${__dirname}`);
  return dirname(index);
}

/** dist/validators (scripts/build-validators.ts) when it was built; the catalog compiles otherwise. */
function findValidatorsDir(): string | undefined {
  return findUp('validators', __dirname) ?? findUp(join('dist', 'validators'));
}

/** `codeCache`: load the generated validators with V8 code caches (io/code-cache.ts; the language server does). */
export function fileSchemaSource(dir: string = findSchemasDir(), validatorsDir = findValidatorsDir(), codeCache?: CodeCache): SchemaSource {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as SchemaIndex;
  const hashOf = (file: string) => createHash('sha256').update(readFileSync(join(dir, file))).digest('hex');
  return {
    index,
    load: (file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as object,
    precompiled: validatorsDir ? (entry) => (entry.file ? loadPrecompiled(validatorsDir, entry, hashOf(entry.file), codeCache) : undefined) : undefined,
  };
}

/** Generated code is used only when it was generated from the very schema file just loaded. */
function loadPrecompiled(validatorsDir: string, entry: KindEntry, schemaHash: string | undefined, codeCache?: CodeCache): ValidateFunction | undefined {
  if (!entry.file || !schemaHash) return undefined;
  const path = join(validatorsDir, entry.file.replace(/\.json$/, '.js'));
  if (!existsSync(path)) return undefined;
  try {
    // Generated code is plain CommonJS beside the bundle; it can only be loaded at run time.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = (codeCache ? codeCache.require(path) : require(path)) as { validate?: ValidateFunction; schemaHash?: string };
    return mod.schemaHash === schemaHash ? mod.validate : undefined;
  } catch {
    return undefined;
  }
}

export function bundledCatalog(options: { codeCache?: CodeCache } = {}): SchemaCatalog {
  return SchemaCatalog.create(fileSchemaSource(undefined, undefined, options.codeCache));
}
