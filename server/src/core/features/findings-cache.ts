import type { Config } from '../config';
import type { Finding } from '../findings';
import type { ParsedDocument } from '../model/parse';
import type { SchemaCatalog } from '../schema/catalog';

/**
 * Findings of document-scoped rules depend only on the document's text, the catalog and the
 * config, so they are cached by text: an edit re-checks one document, and reopening a file (or a
 * file full of identical documents) costs nothing. Offsets are stored relative to the document's
 * chunk. Owned by a host (one per server or CLI run), never module state.
 */
export class FindingsCache {
  private entries = new Map<string, Finding[]>();
  private catalog: SchemaCatalog | undefined;
  private configKey = '';

  constructor(private readonly maxEntries = 20_000) {}

  /** Forget everything when the catalog or config changed: results computed under them are stale. */
  private validate(catalog: SchemaCatalog, config: Config): void {
    const key = JSON.stringify(config);
    if (catalog !== this.catalog || key !== this.configKey) {
      this.entries.clear();
      this.catalog = catalog;
      this.configKey = key;
    }
  }

  get(document: ParsedDocument, catalog: SchemaCatalog, config: Config): Finding[] | undefined {
    this.validate(catalog, config);
    const hit = this.entries.get(keyOf(document));
    return hit?.map((f) => shift(f, document.chunkStart));
  }

  set(document: ParsedDocument, catalog: SchemaCatalog, config: Config, findings: Finding[]): void {
    this.validate(catalog, config);
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(keyOf(document), findings.map((f) => shift(f, -document.chunkStart)));
  }
}

function keyOf(document: ParsedDocument): string {
  // A chunk may hold more than one document; its offset in the chunk tells them apart.
  return `${document.start - document.chunkStart}\u0000${document.source}`;
}

function shift(f: Finding, delta: number): Finding {
  const fixes = f.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((e) => (e.uri ? e : { ...e, start: e.start + delta, end: e.end + delta })) }));
  return { ...f, start: f.start + delta, end: f.end + delta, ...(fixes ? { fixes } : {}) };
}
