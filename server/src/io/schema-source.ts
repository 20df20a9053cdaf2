import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SchemaIndex, SchemaSource } from '../core/schema/catalog';
import { SchemaCatalog } from '../core/schema/catalog';

/**
 * Finds the bundled schemas/ folder: beside dist/ when bundled, or at the project root when run
 * from sources (tests). Walks upward from this file so both layouts work.
 */
export function findSchemasDir(start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'schemas', 'index.json');
    if (existsSync(candidate)) return join(dir, 'schemas');
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`Kubesight: bundled schemas not found above ${start}`);
}

export function fileSchemaSource(dir: string = findSchemasDir()): SchemaSource {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as SchemaIndex;
  return { index, load: (file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as object };
}

export function bundledCatalog(): SchemaCatalog {
  return SchemaCatalog.create(fileSchemaSource());
}
