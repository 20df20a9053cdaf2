import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { SchemaIndex, SchemaSource } from '../core/schema/catalog';
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

/**
 * `codeCache`: load the generated validators with V8 code caches (io/code-cache.ts; the language
 * server does). `validatorsDir` null: no generated code, the catalog compiles every kind.
 */
export function fileSchemaSource(dir: string = findSchemasDir(), validatorsDir: string | null | undefined = findValidatorsDir(), codeCache?: CodeCache): SchemaSource {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as SchemaIndex;
  const hashOf = (file: string) => createHash('sha256').update(readFileSync(join(dir, file))).digest('hex');
  const generated = validatorsDir ? precompiledModules(validatorsDir, codeCache) : undefined;
  return {
    index,
    load: (file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as object,
    precompiled: generated ? (entry) => (entry.file ? generated(entry.file, hashOf(entry.file)) : undefined) : undefined,
  };
}

interface GeneratedModule {
  schemaHashes?: Record<string, string>;
  [schemaFile: string]: ValidateFunction | Record<string, string> | undefined;
}

/**
 * The validator generated for a schema file (scripts/build-validators.ts), used only when it was
 * generated from the very schema file just loaded. Several kinds share a module (the pod-template
 * kinds): each module is loaded once per source.
 */
function precompiledModules(validatorsDir: string, codeCache?: CodeCache): (schemaFile: string, schemaHash: string) => ValidateFunction | undefined {
  let manifest: Record<string, string> | undefined;
  const loaded = new Map<string, GeneratedModule | undefined>();
  const load = (module: string): GeneratedModule | undefined => {
    const path = join(validatorsDir, module);
    try {
      // Generated code is plain CommonJS beside the bundle; it can only be loaded at run time.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (codeCache ? codeCache.require(path) : require(path)) as GeneratedModule;
    } catch {
      return undefined;
    }
  };
  return (schemaFile, schemaHash) => {
    try {
      manifest ??= JSON.parse(readFileSync(join(validatorsDir, 'index.json'), 'utf8')) as Record<string, string>;
    } catch {
      manifest = {};
    }
    const module = Object.hasOwn(manifest, schemaFile) ? manifest[schemaFile] : undefined;
    if (!module) return undefined;
    if (!loaded.has(module)) loaded.set(module, load(module));
    const generated = loaded.get(module);
    const validate = generated?.[schemaFile];
    return generated?.schemaHashes?.[schemaFile] === schemaHash && typeof validate === 'function' ? (validate as ValidateFunction) : undefined;
  };
}

export function bundledCatalog(options: { codeCache?: CodeCache } = {}): SchemaCatalog {
  return SchemaCatalog.create(fileSchemaSource(undefined, undefined, options.codeCache));
}
