import type { FieldPath } from '../model/path';
import type { SchemaCatalog } from './catalog';
import { schemaAt, type SchemaNode } from './navigate';

/**
 * When a field or an API came or went, read from the other bundled versions' schemas (a catalog
 * reaches them through `inVersion`). Asked only for what the target does not have, or for
 * pre-release APIs, so a clean file never loads another version.
 */

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

/** The bundled versions, other than the catalog's own, in which the built-in kind is served. */
function versionsServing(catalog: SchemaCatalog, gvk: Gvk, candidates: readonly string[]): string[] {
  return candidates.filter((v) => catalog.inVersion(v)?.entry(gvk.group, gvk.version, gvk.kind)?.source === 'builtin');
}

/** The bundled versions newer (oldest first) and older (newest first) than the catalog's. */
function neighbours(catalog: SchemaCatalog): { newer: string[]; older: string[] } {
  const versions = catalog.versions;
  return versions ? { newer: versions.newerThan(catalog.kubernetesVersion), older: versions.olderThan(catalog.kubernetesVersion) } : { newer: [], older: [] };
}

/** For a kind the target does not serve: the first newer bundled version that serves it. */
export function servedFrom(catalog: SchemaCatalog, gvk: Gvk): string | undefined {
  return versionsServing(catalog, gvk, neighbours(catalog).newer)[0];
}

/**
 * For a kind the target does not serve but an older bundled version does: the release that
 * stopped serving it (the bundled version after the newest one serving it).
 */
export function removedIn(catalog: SchemaCatalog, gvk: Gvk): string | undefined {
  const { older } = neighbours(catalog);
  const lastServing = versionsServing(catalog, gvk, older)[0];
  if (!lastServing) return undefined;
  const all = catalog.versions!.versions;
  return all[all.indexOf(lastServing) + 1];
}

/** For a kind the target serves: the first newer bundled version that no longer does. */
export function unavailableFrom(catalog: SchemaCatalog, gvk: Gvk): string | undefined {
  return neighbours(catalog).newer.find((v) => !catalog.inVersion(v)?.entry(gvk.group, gvk.version, gvk.kind));
}

/**
 * For a field the target's schema of a built-in kind lacks: the first newer bundled version whose
 * schema has it (`addedIn`), else the newest older one that had it (`removedAfter`).
 */
export function fieldHistory(catalog: SchemaCatalog, gvk: Gvk, path: FieldPath): { addedIn?: string; lastIn?: string } {
  const { newer, older } = neighbours(catalog);
  const has = (version: string) => {
    const other = catalog.inVersion(version);
    const entry = other?.entry(gvk.group, gvk.version, gvk.kind);
    const root = entry?.source === 'builtin' ? (other!.schema(entry) as SchemaNode | undefined) : undefined;
    return root !== undefined && schemaAt(root, path) !== undefined;
  };
  const addedIn = newer.find(has);
  if (addedIn) return { addedIn };
  const lastIn = older.find(has);
  return lastIn ? { lastIn } : {};
}
