import type { Finding } from '../findings';
import type { ParsedDocument } from '../model/parse';
import { detached } from '../model/strings';
import type { Workspace } from '../workspace/workspace';
import { changedQueries, trackedWorkspace, type Reads } from './workspace-reads';

/**
 * Findings of the workspace rules, per document, kept with what they read of the workspace, so an
 * edit recomputes only the documents whose own text or whose reads changed (in the spirit of
 * rust-analyzer's queries: the inputs of a result are recorded while it is computed, and checked
 * before it is reused). A document's entry is reused when
 * - its text, offset in its chunk and tool key are the same (like FindingsCache), and
 * - everything outside the index its rules may read is the same (`GlobalInputs`), and
 * - no index query its rules made (`find`, `podTemplatesIn`, …) may answer differently: no object
 *   that differs between the snapshot the entry was last checked against and this one answers it
 *   (workspace-reads.ts `changedQueries`). The cache diffs each new snapshot it sees with the one
 *   before (Workspace.changedSince: the files that differ, their objects by value), so an edit
 *   costs the objects it changed and a set lookup per recorded query, not a query per read.
 * Dependencies are recorded, not declared: a rule that reads a new kind needs no declaration, and
 * cannot forget one. Owned by a host (one per server), never module state.
 */
export class WorkspaceFindingsCache {
  private readonly byUri = new Map<string, FileEntries>();
  private readonly valueIds = new WeakMap<object, number>();
  private nextValueId = 1;
  private readonly changes = new ChangeLog();
  /** Documents whose workspace findings were computed (not reused) since the host last reset it; tests read it. */
  recomputed = 0;
  /** Documents whose workspace findings were reused. */
  reused = 0;

  /** One file's analysis: documents ask `findings`, `end` keeps the entries of the documents seen. */
  begin(uri: string, workspace: Workspace, inputs: GlobalInputs, text: string): WorkspaceAnalysis {
    // A fix that appends a document to the file starts with a line break unless the file ends with one.
    const key = `${this.globalKey(workspace, inputs)}\u0000${text === '' || text.endsWith('\n')}`;
    const fileEnd = text.length;
    const seq = this.changes.observe(workspace);
    const old = this.byUri.get(uri);
    const changed = old && old.key === key ? this.changes.since(old.seq) : undefined;
    const previous: Entries = changed ? old!.entries : new Map();
    const next: Entries = new Map();
    return {
      findings: (document, variant, run) => this.findingsOf(workspace, { document, fileEnd }, variant, run, { previous, next, changed }),
      end: () => void this.byUri.set(uri, { key, entries: next, seq }),
    };
  }

  private globalKey(workspace: Workspace, inputs: GlobalInputs): string {
    // searchedWhere counts the files; missingSeverity reads `complete`; clusterLookup the cluster index.
    const id = (o: object | undefined) => (o ? this.idOf(o) : 0);
    return [id(inputs.catalog), inputs.config, inputs.rules, id(inputs.baseline), workspace.uris().length, workspace.complete, id(workspace.cluster)].join('\u0000');
  }

  /** A number per object identity (values, catalogs, cluster indexes), so keys compare as strings. */
  private idOf(o: object): number {
    let id = this.valueIds.get(o);
    if (id === undefined) this.valueIds.set(o, (id = this.nextValueId++));
    return id;
  }

  /** Forget one file (closed or deleted). */
  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  private findingsOf(workspace: Workspace, at: Place, variant: string, run: RunRules, { previous, next, changed }: { previous: Entries; next: Entries; changed: ReadonlySet<string> | undefined }): Finding[] {
    const { document } = at;
    // Keyed by the chunk's text itself (V8 keeps a string's hash: no copy), then by the document's
    // place in the file (two copies of one text are told apart: duplicate-resource reports the
    // second), offset in the chunk and tool key.
    const key = `${document.index}|${document.start - document.chunkStart}|${variant}`;
    const entry = previous.get(document.source)?.get(key);
    if (entry && changed && stillValid(entry.reads, changed)) {
      keep(next, document.source, key, entry);
      this.reused++;
      return entry.findings.map((f) => shift(f, 'restore', document.chunkStart, at.fileEnd));
    }
    this.recomputed++;
    const reads: Reads = [];
    const findings = run(trackedWorkspace(workspace, reads));
    // A finding or fix elsewhere (an edit of another file or another document) holds offsets that
    // move with other documents: never reused. An edit at the file's end (a fix that appends a
    // document, missing-reference's) is kept as such.
    if (findings.every((f) => inside(f, at))) keep(next, detached(document.source), key, { findings: findings.map((f) => detach(shift(f, 'store', document.chunkStart, at.fileEnd))), reads });
    return findings;
  }
}

/** What workspace findings may depend on besides the index: a change of any recomputes the file. */
export interface GlobalInputs {
  /** The catalog (by identity) and the config (as JSON). */
  catalog: object;
  config: string;
  /** The ids of the rules that run, in order. */
  rules: string;
  /** The baseline of immutable-field (by identity): the host keeps one object while it is the same. */
  baseline?: object;
}

export interface WorkspaceAnalysis {
  /** The document's workspace findings: reused, or `run` with a workspace that records what it reads. */
  findings(document: ParsedDocument, variant: string, run: RunRules): Finding[];
  end(): void;
}

export type RunRules = (workspace: Workspace) => Finding[];

interface Entry {
  /** Offsets relative to the document's chunk. */
  findings: Finding[];
  reads: Reads;
}

const AT_FILE_END = -1;

/** By chunk text, then by `offset in chunk|tool key`. */
type Entries = Map<string, Map<string, Entry>>;

interface FileEntries {
  key: string;
  entries: Entries;
  /** The snapshot (ChangeLog's number) the entries were last checked against. */
  seq: number;
}

function stillValid(reads: Reads, changed: ReadonlySet<string>): boolean {
  if (changed.size === 0) return true;
  for (const query of reads) if (changed.has(query)) return false;
  return true;
}

/** How many snapshots back the log reaches: entries checked longer ago are recomputed. */
const CHANGE_LOG_LENGTH = 64;
/**
 * A step whose changed objects answer more queries than this is kept as "any may" (undefined): a
 * change that large (a file of thousands of objects opened or closed) leaves few entries valid,
 * and 64 such steps would hold hundreds of thousands of keys.
 */
const LARGEST_STEP = 4096;

/**
 * The snapshots a cache has seen, in order, each with the queries that may answer differently
 * than in the one before (undefined: any may). Keeps only the newest snapshot, and query keys.
 */
class ChangeLog {
  private seq = 0;
  private newest: Workspace | undefined;
  private readonly steps: (Set<string> | undefined)[] = [];
  private readonly unions = new Map<number, Set<string> | undefined>();

  /** The number of `workspace`, a new one when it is not the newest seen. */
  observe(workspace: Workspace): number {
    if (workspace === this.newest) return this.seq;
    const change = this.newest && workspace.changedSince(this.newest);
    const queries = change && changedQueries(change);
    this.steps.push(queries && queries.size <= LARGEST_STEP ? queries : undefined);
    if (this.steps.length > CHANGE_LOG_LENGTH) this.steps.shift();
    this.newest = workspace;
    this.unions.clear();
    return ++this.seq;
  }

  /** The queries that may answer differently now than in snapshot `seq`; undefined when unknown. */
  since(seq: number): ReadonlySet<string> | undefined {
    const count = this.seq - seq;
    if (count === 0) return EMPTY;
    if (count > this.steps.length) return undefined;
    if (!this.unions.has(seq)) {
      let union: Set<string> | undefined = new Set();
      for (const step of this.steps.slice(this.steps.length - count)) {
        if (!step) {
          union = undefined;
          break;
        }
        for (const query of step) union.add(query);
      }
      this.unions.set(seq, union);
    }
    return this.unions.get(seq);
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function keep(entries: Entries, source: string, key: string, entry: Entry): void {
  let byKey = entries.get(source);
  if (!byKey) entries.set(source, (byKey = new Map()));
  byKey.set(key, entry);
}


/** A document and where its file ends. */
interface Place {
  document: ParsedDocument;
  fileEnd: number;
}

/** Whether a finding and its fixes are about its own document (or append to the file). */
function inside(f: Finding, { document, fileEnd }: Place): boolean {
  // An edit at the document's end that is not the file's end is ambiguous: stored as neither.
  const ownEdit = (e: { start: number; end: number; uri?: string }) => !e.uri && ((e.start >= document.start && e.end < document.end) || (e.start === fileEnd && e.end === fileEnd));
  return f.start >= document.start && f.end <= document.end && (f.fixes ?? []).every((fix) => fix.edits.every(ownEdit));
}

function detach(f: Finding): Finding {
  const fixes = f.fixes?.map((fix) => ({ ...fix, title: detached(fix.title), edits: fix.edits.map((e) => ({ ...e, newText: detached(e.newText) })) }));
  return { ...f, message: detached(f.message), ...(fixes ? { fixes } : {}) };
}

/** A finding made relative to its chunk (`store`) or absolute again (`restore`); an edit at the file's end is stored as AT_FILE_END. */
function shift(f: Finding, direction: 'store' | 'restore', chunkStart: number, fileEnd: number): Finding {
  const delta = direction === 'store' ? -chunkStart : chunkStart;
  const move = (offset: number) => (direction === 'store' ? (offset === fileEnd ? AT_FILE_END : offset + delta) : offset === AT_FILE_END ? fileEnd : offset + delta);
  const fixes = f.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, start: move(e.start), end: move(e.end) })) }));
  return { ...f, start: f.start + delta, end: f.end + delta, ...(fixes ? { fixes } : {}) };
}
