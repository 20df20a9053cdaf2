// The virtual module scripts/build-browser.mjs generates from schemas/ for the browser build.
declare module 'kubesight:schemas' {
  import type { SchemaBodies, VersionIndex } from '../core/schema/schema-store';
  const bundled: { versions: string[]; definitions: SchemaBodies; indexes: Record<string, VersionIndex> };
  export default bundled;
}
