import type { Config } from '../config';
import type { Finding } from '../findings';
import type { ParsedDocument } from '../model/parse';
import { detached } from '../model/strings';
import type { SchemaCatalog } from '../schema/catalog';

/**
 * Findings of document-scoped rules depend only on the document's text, the catalog and the
 * config, so they are cached by text: an edit re-checks one document, and reopening a file (or a
 * file full of identical documents) costs nothing. Offsets are stored relative to the document's
 * chunk. Owned by a host (one per server or CLI run), never module state.
 */
export class FindingsCache {
  // Two generations: a full `current` becomes `previous`, and an entry read from `previous` moves
  // back to `current`. Entries still in use survive; memory stays within `maxChars` characters.
  // Every edit adds the text of the document it changed, so after a long session the cache holds
  // `maxChars` of dead versions. 2M characters (one generation: 1M) still hold every document of
  // the 20,000-line benchmark file (~0.5M) in either generation; 8M cost up to ~12 MiB of heap
  // (`npm run bench:memory`: ~0.5 MiB more per 1,000 edits of the 1,900-line file, none evicted
  // within 10,000 edits).
  // Keyed by the chunk's text, then by the document's offset in it (a chunk may hold more than
  // one document). The text itself is the key, not a string built from it: V8 keeps a string's
  // hash, so looking up the unchanged documents of a file costs no copy of their text.
  // The inner key is the offset alone for files no build tool touches, else `offset|tool key`
  // (see ToolContext.key): a number for the common case keeps those lookups allocation-free.
  private current = new Map<string, Map<number | string, Finding[]>>();
  private previous = new Map<string, Map<number | string, Finding[]>>();
  private currentChars = 0;
  private catalog: SchemaCatalog | undefined;
  private config: Config | undefined;
  private configKey = '';

  constructor(private readonly maxChars = 2 * 1024 * 1024) {}

  /** Forget everything when the catalog or config changed: results computed under them are stale. */
  private validate(catalog: SchemaCatalog, config: Config): void {
    // The same config object (one file's analysis asks once per document) needs no comparison.
    if (catalog === this.catalog && config === this.config) return;
    const key = JSON.stringify(config);
    if (catalog !== this.catalog || key !== this.configKey) {
      this.current.clear();
      this.previous.clear();
      this.currentChars = 0;
      this.catalog = catalog;
      this.configKey = key;
    }
    this.config = config;
  }

  get(document: ParsedDocument, catalog: SchemaCatalog, config: Config, variant = ''): Finding[] | undefined {
    this.validate(catalog, config);
    const offset = keyOf(document, variant);
    let hit = this.current.get(document.source)?.get(offset);
    if (!hit) {
      const old = this.previous.get(document.source);
      hit = old?.get(offset);
      if (hit) {
        old!.delete(offset);
        if (old!.size === 0) this.previous.delete(document.source);
        this.store(document.source, offset, hit);
      }
    }
    return hit?.map((f) => shift(f, document.chunkStart));
  }

  set(document: ParsedDocument, catalog: SchemaCatalog, config: Config, findings: Finding[], variant = ''): void {
    this.validate(catalog, config);
    this.store(document.source, keyOf(document, variant), findings.map((f) => detach(shift(f, -document.chunkStart))));
  }

  private store(source: string, offset: number | string, findings: Finding[]): void {
    const chars = source.length + findings.reduce((n, f) => n + f.message.length + 64, 0);
    if (this.currentChars + chars > this.maxChars / 2) {
      this.previous = this.current;
      this.current = new Map();
      this.currentChars = 0;
    }
    let byOffset = this.current.get(source);
    if (!byOffset) {
      byOffset = new Map();
      this.current.set(detached(source), byOffset);
    }
    byOffset.set(offset, findings);
    this.currentChars += chars;
  }
}

function keyOf(document: ParsedDocument, variant: string): number | string {
  const offset = document.start - document.chunkStart;
  return variant === '' ? offset : `${offset}|${variant}`;
}

function detach(f: Finding): Finding {
  const fixes = f.fixes?.map((fix) => ({ ...fix, title: detached(fix.title), edits: fix.edits.map((e) => ({ ...e, newText: detached(e.newText) })) }));
  return { ...f, message: detached(f.message), ...(fixes ? { fixes } : {}) };
}

function shift(f: Finding, delta: number): Finding {
  const fixes = f.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((e) => (e.uri ? e : { ...e, start: e.start + delta, end: e.end + delta })) }));
  return { ...f, start: f.start + delta, end: f.end + delta, ...(fixes ? { fixes } : {}) };
}
