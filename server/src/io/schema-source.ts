import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { CustomSchemaSource, KindEntry, SchemaCatalog, SchemaSource } from '../core/schema/catalog';
import { crdCatalogSource, type CatalogIndex } from '../core/schema/crd-catalog';
import { storedSchemaSource, type BundledVersions, type SchemaBodies, type VersionIndex } from '../core/schema/schema-store';
import { SchemaVersions } from '../core/schema/versions';
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
  const marker = findUp(join('schemas', 'versions.json'));
  if (!marker) throw new Error(`Kubesight: bundled schemas not found above ${__dirname}`);
  return dirname(marker);
}

/** dist/validators (scripts/build-validators.ts) when it was built; the catalog compiles otherwise. */
function findValidatorsDir(): string | undefined {
  return findUp('validators', __dirname) ?? findUp(join('dist', 'validators'));
}

/** The bundled versions (schemas/versions.json) and a schema source for each. */
export interface BundledSchemas {
  /** Oldest first. */
  versions: readonly string[];
  /** Undefined for a version that is not bundled. */
  source(version: string): SchemaSource | undefined;
}

/**
 * The schemas/ folder (core/schema/schema-store.ts). `codeCache`: load the generated validators with
 * V8 code caches (io/code-cache.ts; the language server does). `validatorsDir` null: no generated
 * code, the catalog compiles every kind. The bodies file is read only when a schema is assembled
 * (completion, hover, a kind without generated code), once for all versions.
 */
export function bundledSchemas(dir: string = findSchemasDir(), validatorsDir: string | null | undefined = findValidatorsDir(), codeCache?: CodeCache): BundledSchemas {
  const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
  const { versions } = readJson<BundledVersions>('versions.json');
  let bodies: SchemaBodies | undefined;
  const body = (hash: string | undefined) => {
    bodies ??= readJson<SchemaBodies>('definitions.json');
    return hash !== undefined && Object.hasOwn(bodies, hash) ? bodies[hash] : undefined;
  };
  const generated = validatorsDir ? precompiledModules(validatorsDir, codeCache) : undefined;
  const precompiled = generated ? (entry: KindEntry) => (entry.hash ? generated(entry.hash) : undefined) : undefined;
  const crds = bundledCrds(join(dir, 'catalog'), precompiled);
  const sources = new Map<string, SchemaSource>();
  const sourceOf = (version: string): SchemaSource => {
    const stored = storedSchemaSource(readJson<VersionIndex>(join(version, 'index.json')), body);
    return { ...stored, precompiled, crds };
  };
  return {
    versions,
    source: (version) => {
      if (!versions.includes(version)) return undefined;
      if (!sources.has(version)) sources.set(version, sourceOf(version));
      return sources.get(version);
    },
  };
}

/**
 * The bundled CRD catalog (schemas/catalog, core/schema/crd-catalog.ts), undefined when the folder
 * is absent. The index is read the first time a catalog asks for its kinds; a project's bodies file
 * the first time one of its kinds needs its schema (completion, hover, CEL rules, no generated code).
 */
export function bundledCrds(dir: string, precompiled?: (entry: KindEntry) => ValidateFunction | undefined): CustomSchemaSource | undefined {
  if (!existsSync(join(dir, 'index.json'))) return undefined;
  const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;
  return crdCatalogSource({ index: () => readJson<CatalogIndex>('index.json'), bodies: (file) => readJson<SchemaBodies>(file) }, precompiled);
}

/** The newest bundled version's source (tests, the conformance runner). */
export function fileSchemaSource(dir: string = findSchemasDir(), validatorsDir: string | null | undefined = findValidatorsDir(), codeCache?: CodeCache): SchemaSource {
  const bundled = bundledSchemas(dir, validatorsDir, codeCache);
  return bundled.source(bundled.versions[bundled.versions.length - 1])!;
}

type GeneratedModule = Record<string, ValidateFunction | undefined>;

/**
 * The validator generated for a kind schema (scripts/build-validators.ts), by the schema's content
 * hash: code generated from another schema cannot be picked up. Several kinds share a module (the
 * pod-template kinds): each module is loaded once.
 */
function precompiledModules(validatorsDir: string, codeCache?: CodeCache): (schemaHash: string) => ValidateFunction | undefined {
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
  return (schemaHash) => {
    try {
      manifest ??= JSON.parse(readFileSync(join(validatorsDir, 'index.json'), 'utf8')) as Record<string, string>;
    } catch {
      manifest = {};
    }
    const module = Object.hasOwn(manifest, schemaHash) ? manifest[schemaHash] : undefined;
    if (!module) return undefined;
    if (!loaded.has(module)) loaded.set(module, load(module));
    const validate = loaded.get(module)?.[schemaHash];
    return typeof validate === 'function' ? validate : undefined;
  };
}

/** Every bundled version's catalog, created when first asked for. */
export function bundledVersions(options: { codeCache?: CodeCache } = {}): SchemaVersions {
  const bundled = bundledSchemas(undefined, undefined, options.codeCache);
  return new SchemaVersions(bundled.versions, (version) => bundled.source(version));
}

/** The newest bundled version's catalog. */
export function bundledCatalog(options: { codeCache?: CodeCache } = {}): SchemaCatalog {
  const versions = bundledVersions(options);
  return versions.catalog(versions.newest)!;
}
