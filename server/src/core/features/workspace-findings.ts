import type { Finding } from '../findings';
import type { ParsedDocument } from '../model/parse';
import { detached } from '../model/strings';
import type { IndexedObject } from '../workspace/indexed-object';
import type { ResourceIndex } from '../workspace/index';
import type { Workspace } from '../workspace/workspace';
import { trackedWorkspace, type Ask, type Reads } from './workspace-reads';

/**
 * Findings of the workspace rules, per document, kept with what they read of the workspace, so an
 * edit recomputes only the documents whose own text or whose reads changed (in the spirit of
 * rust-analyzer's queries: the inputs of a result are recorded while it is computed, and checked
 * before it is reused). A document's entry is reused when
 * - its text, offset in its chunk and tool key are the same (like FindingsCache), and
 * - everything outside the index its rules may read is the same (`GlobalInputs`), and
 * - every index query its rules made (`find`, `podTemplatesIn`, …) answers the same objects, in
 *   the same order, each with the same content (the object's value by identity: a reused
 *   document shares its value) and identity.
 * Dependencies are recorded, not declared: a rule that reads a new kind needs no declaration, and
 * cannot forget one. Owned by a host (one per server), never module state.
 */
export class WorkspaceFindingsCache {
  private readonly byUri = new Map<string, FileEntries>();
  private readonly valueIds = new WeakMap<object, number>();
  private nextValueId = 1;
  // Query answers of the newest index; recomputed when the index changes (every edit makes a new one).
  private answers: { index: ResourceIndex; byQuery: Map<string, string>; tokens: Map<IndexedObject, string> } | undefined;
  /** Documents whose workspace findings were computed (not reused) since the host last reset it; tests read it. */
  recomputed = 0;
  /** Documents whose workspace findings were reused. */
  reused = 0;

  /** One file's analysis: documents ask `findings`, `end` keeps the entries of the documents seen. */
  begin(uri: string, workspace: Workspace, inputs: GlobalInputs, text: string): WorkspaceAnalysis {
    // A fix that appends a document to the file starts with a line break unless the file ends with one.
    const key = `${this.globalKey(workspace, inputs)}\u0000${text === '' || text.endsWith('\n')}`;
    const fileEnd = text.length;
    const old = this.byUri.get(uri);
    const previous: Entries = old && old.key === key ? old.entries : new Map();
    const next: Entries = new Map();
    return {
      findings: (document, variant, run) => this.findingsOf(workspace, { document, fileEnd }, variant, run, { previous, next }),
      end: () => void this.byUri.set(uri, { key, entries: next }),
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

  private findingsOf(workspace: Workspace, at: Place, variant: string, run: RunRules, { previous, next }: { previous: Entries; next: Entries }): Finding[] {
    const { document } = at;
    // Keyed by the chunk's text itself (V8 keeps a string's hash: no copy), then by the document's
    // place in the file (two copies of one text are told apart: duplicate-resource reports the
    // second), offset in the chunk and tool key.
    const key = `${document.index}|${document.start - document.chunkStart}|${variant}`;
    const entry = previous.get(document.source)?.get(key);
    if (entry && this.stillValid(workspace.index, entry.reads)) {
      keep(next, document.source, key, entry);
      this.reused++;
      return entry.findings.map((f) => shift(f, 'restore', document.chunkStart, at.fileEnd));
    }
    this.recomputed++;
    const reads: Reads = [];
    const findings = run(trackedWorkspace(workspace, reads, (index, query, ask) => this.fingerprint(index, query, ask)));
    // A finding or fix elsewhere (an edit of another file or another document) holds offsets that
    // move with other documents: never reused. An edit at the file's end (a fix that appends a
    // document, missing-reference's) is kept as such.
    if (findings.every((f) => inside(f, at))) keep(next, detached(document.source), key, { findings: findings.map((f) => detach(shift(f, 'store', document.chunkStart, at.fileEnd))), reads });
    return findings;
  }

  private stillValid(index: ResourceIndex, reads: Reads): boolean {
    for (const [query, ask, fingerprint] of reads) if (this.fingerprint(index, query, ask) !== fingerprint) return false;
    return true;
  }

  /** The fingerprint of a query's answer in this index, computed once per index. */
  private fingerprint(index: ResourceIndex, query: string, ask: Ask): string {
    if (this.answers?.index !== index) this.answers = { index, byQuery: new Map(), tokens: new Map() };
    const known = this.answers.byQuery.get(query);
    if (known !== undefined) return known;
    const result = ask(index);
    const fingerprint = typeof result === 'boolean' ? String(result) : result.length === 1 ? this.tokenOf(result[0]) : result.map((o) => this.tokenOf(o)).join(' ');
    this.answers.byQuery.set(query, fingerprint);
    return fingerprint;
  }

  /** What a rule can read of an indexed object: its identity, file and place in it, provenance and content. */
  private tokenOf(o: IndexedObject): string {
    const tokens = this.answers!.tokens;
    let token = tokens.get(o);
    if (token === undefined) {
      // The value (by identity) stands for everything derived from it: the file it was parsed in,
      // the object's identity, labels, template, ports and keys. The document's place in its file
      // tells which of two copies in one file comes first (duplicate-resource). Objects made from
      // another object's value (produced by a controller, generated by kustomize) add what tells
      // them apart.
      token = `${this.idOf(o.resource.value)}:${o.resource.document.index}`;
      if (o.producedBy || o.generatedBy) token += `:${o.uri}|${o.kind}/${o.namespace}/${o.name}|${o.producedBy ?? ''}|${o.generatedBy ?? ''}|${[...(o.dataKeys ?? [])].join(',')}`;
      tokens.set(o, token);
    }
    return token;
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
}

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
