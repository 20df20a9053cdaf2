// The bundled schemas in the browser build: scripts/build-browser.mjs inlines schemas/ as the
// virtual module `kubesight:schemas` (there is no file system to read it from), the CRD catalog
// included. There are no generated validators: the catalog compiles each kind with ajv the first
// time it is seen.
import BUNDLED from 'kubesight:schemas';
import { crdCatalogSource } from '../core/schema/crd-catalog';
import { storedSchemaSource } from '../core/schema/schema-store';
import { SchemaVersions } from '../core/schema/versions';

export function inlinedVersions(): SchemaVersions {
  const { versions, definitions, indexes, catalog } = BUNDLED;
  const body = (hash: string | undefined) => (hash !== undefined && Object.hasOwn(definitions, hash) ? definitions[hash] : undefined);
  const crds = crdCatalogSource({ index: () => catalog.index, bodies: (file) => catalog.bodies[file] ?? {} });
  const sources = new Map(versions.map((v) => [v, { ...storedSchemaSource(indexes[v], body), crds }]));
  return new SchemaVersions(versions, (version) => sources.get(version));
}
