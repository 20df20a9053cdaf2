// The virtual module scripts/build-browser.mjs generates from schemas/ for the browser build.
declare module 'kubesight:schemas' {
  import type { SchemaBodies, VersionIndex } from '../core/schema/schema-store';
  import type { CatalogIndex } from '../core/schema/crd-catalog';
  const bundled: { versions: string[]; definitions: SchemaBodies; indexes: Record<string, VersionIndex>; catalog: { index: CatalogIndex; bodies: Record<string, SchemaBodies> } };
  export default bundled;
}
