import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { SchemaCatalog } from '../core/schema/catalog';
import { Workspace } from '../core/workspace/workspace';
import type { ClusterIndexParams } from '../shared/cluster-protocol';
import { collectFiles, isChartTemplate } from '../io/files';
import { kustomizeFactsOf } from '../io/kustomize-paths';
import type { FileFacts } from '../core/model/templates';
import { MAX_ANALYSED_BYTES } from '../core/features/unanalysed';

/** Larger files are left out of the snapshot whole (one information diagnostic, core/features/unanalysed.ts). */
export const MAX_SCANNED_FILE_BYTES = MAX_ANALYSED_BYTES;

/**
 * How long document changes must pause before the store asks for a garbage collection. Not a
 * typing pause: after the collection the next ~20 edits take about twice as long (median 4 → 8 ms,
 * at most ~25 ms; `npm run bench:memory` with 11 s pauses) while V8 grows its heap back, so it
 * waits until the user has stopped editing, and costs a busy editing session nothing.
 */
export const COLLECT_AFTER_QUIET_MS = 10_000;

/**
 * Runs `run` once per burst of `poke()` calls, `quietMs` after the last of them. A poke only notes
 * the time: a burst of any length costs one timer every `quietMs`, and the timer never keeps the
 * process alive.
 */
export class WhenQuiet {
  private last = 0;
  private waiting = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly run: () => void,
    private readonly quietMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  poke(): void {
    this.last = this.now();
    this.waiting = true;
    if (!this.timer) this.arm(this.quietMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting = false;
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.fire(), ms);
    this.timer.unref?.();
  }

  private fire(): void {
    this.timer = undefined;
    if (!this.waiting) return;
    const quiet = this.now() - this.last;
    if (quiet < this.quietMs) return this.arm(this.quietMs - quiet);
    this.waiting = false;
    this.run();
  }
}

/** What the file system says about a document: a Helm chart's template (only `file:` URIs have a place there). */
function factsOf(uri: string, text: string, catalog: SchemaCatalog): FileFacts {
  if (!uri.startsWith('file:')) return {};
  try {
    const path = fileURLToPath(uri);
    return { chartTemplate: isChartTemplate(path), ...kustomizeFactsOf(path, text, catalog) };
  } catch {
    return {};
  }
}

/**
 * Open documents plus the manifests of the workspace folders, as one immutable Workspace snapshot
 * that is swapped on every change. Unsaved text of an open document wins over the file on disk.
 */
export class DocumentStore {
  readonly open = new TextDocuments(TextDocument);
  private snapshot: Workspace;
  private diskUris = new Set<string>();
  private readonly quiet: WhenQuiet | undefined;

  /**
   * `collectGarbage`: a low-memory garbage collection from the process entry (main.ts), run once
   * when document changes pause (COLLECT_AFTER_QUIET_MS): while typing, V8 grows its young
   * generation and old space for the snapshots every change leaves behind and never gives them
   * back to an idle process (`npm run bench:memory`: +55-65 MiB of RSS over 10,500 edits, of which
   * ~50 MiB return with the collection). Without it (tests, other hosts) nothing is collected early.
   */
  constructor(
    private readonly catalog: SchemaCatalog,
    collectGarbage?: () => void,
  ) {
    this.quiet = collectGarbage ? new WhenQuiet(collectGarbage, COLLECT_AFTER_QUIET_MS) : undefined;
    this.snapshot = Workspace.empty((group, kind) => catalog.isNamespaced(group, kind));
  }

  get workspace(): Workspace {
    return this.snapshot;
  }

  /** Takes the newest text of an open document into the snapshot. */
  update(uri: string): void {
    const doc = this.open.get(uri);
    if (!doc) return;
    // A generated dump of many megabytes is not a manifest someone edits: it is left out whole.
    this.snapshot = doc.getText().length > MAX_SCANNED_FILE_BYTES ? this.snapshot.withoutFile(uri) : this.snapshot.withFile(uri, doc.getText(), doc.version, factsOf(uri, doc.getText(), this.catalog));
    this.quiet?.poke();
  }

  /** The connected cluster's index (`null`: disconnected); it stays in every later snapshot. */
  setCluster(params: ClusterIndexParams | null): void {
    this.snapshot = this.snapshot.withCluster(params);
  }

  /** Open documents too large to analyse (see `update`). */
  isTooLarge(uri: string): boolean {
    return (this.open.get(uri)?.getText().length ?? 0) > MAX_SCANNED_FILE_BYTES;
  }

  /** A closed document falls back to its file on disk (if it is part of a scanned folder). */
  close(uri: string): void {
    this.snapshot = this.diskUris.has(uri) ? this.fromDisk(this.snapshot, uri) : this.snapshot.withoutFile(uri);
  }

  /**
   * Reads every manifest of the folders, through `inSlices` (Scheduler.scan: a slice of files per
   * event-loop turn, so that requests and edits are served while a large repository is read; an
   * open document is never read from disk). When done, missing targets are reported as missing
   * rather than "not in the open files".
   */
  async scanFolders(folders: string[], excludeFor: (folder: string) => string[], inSlices: (uris: string[], read: (uri: string) => void) => Promise<void>): Promise<number> {
    const uris: string[] = [];
    for (const folder of folders) {
      try {
        for (const path of collectFiles([fileURLToPath(folder)], excludeFor(folder), fileURLToPath(folder))) uris.push(pathToFileURL(path).href);
      } catch {
        continue;
      }
    }
    for (const uri of uris) this.diskUris.add(uri);
    await inSlices(uris, (uri) => {
      if (!this.open.get(uri) && this.diskUris.has(uri)) this.snapshot = this.fromDisk(this.snapshot, uri);
    });
    this.snapshot = this.snapshot.withComplete(folders.length > 0);
    return this.diskUris.size;
  }

  /** A file changed, appeared or vanished on disk (file watcher). Open documents keep their text. */
  diskChanged(uri: string, deleted: boolean): void {
    if (this.open.get(uri)) return;
    if (deleted) {
      this.diskUris.delete(uri);
      this.snapshot = this.snapshot.withoutFile(uri);
    } else if (this.snapshot.complete) {
      this.diskUris.add(uri);
      this.snapshot = this.fromDisk(this.snapshot, uri);
    }
  }

  private fromDisk(ws: Workspace, uri: string): Workspace {
    try {
      const path = fileURLToPath(uri);
      if (statSync(path).size > MAX_SCANNED_FILE_BYTES) return ws.withoutFile(uri);
      const bytes = readFileSync(path);
      if (bytes.includes(0)) return ws.withoutFile(uri);
      const text = bytes.toString('utf8');
      return ws.withFile(uri, text, -1, factsOf(uri, text, this.catalog));
    } catch {
      return ws.withoutFile(uri);
    }
  }
}
