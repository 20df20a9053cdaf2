import { isCollection, isPair, type Document } from 'yaml';
import type { ParsedDocument, YamlProblem } from './parse';

// Reused documents move lazily: an edit makes a copy of every document after it, at its new
// offsets, but their nodes (one yaml Document, shared by all the versions that reuse its parse)
// are moved only when a version reads them (parse.ts).

/** On a yaml Document: the chunk offset its node ranges are relative to now (absolute = offset in its file). */
const NODE_BASE = Symbol('nodeBase');

type Based = Document.Parsed & { [NODE_BASE]?: number };
type DocumentFields = Omit<ParsedDocument, 'doc'>;

/** A copy of `d` with some fields changed, sharing its nodes. */
export function documentAt(d: ParsedDocument, changes: Partial<DocumentFields>): ParsedDocument {
  const { index, start, end, errors, warnings, source, chunkStart, value } = d;
  // Any other ParsedDocument (a test's literal) has a plain `doc`, at its own chunk offset.
  const nodes = d instanceof MovableDocument ? d.nodes : withBase(d.doc, d.chunkStart);
  return new MovableDocument(nodes, { index, start, end, errors, warnings, source, chunkStart, value, ...changes });
}

export function withNodes(doc: Document.Parsed, base: number, fields: DocumentFields): ParsedDocument {
  return new MovableDocument(withBase(doc, base), fields);
}

function withBase(doc: Based, base: number): Based {
  // A plain assignment: defineProperty would turn every yaml Document into a slow (dictionary) object.
  if (doc[NODE_BASE] === undefined) doc[NODE_BASE] = base;
  return doc;
}

/**
 * A document whose `doc` moves its nodes (shared by every version that reuses the parse) to its
 * own chunk offset when read: in place, and only when they are elsewhere, so reading the newest
 * version is always right whoever read them last. The offset lives on the yaml Document itself,
 * so all versions agree on where the nodes are. Made only here: a spread copy would lose the
 * `doc` getter (copy with `documentAt`).
 */
class MovableDocument implements ParsedDocument {
  index: number;
  start: number;
  end: number;
  errors: YamlProblem[];
  warnings: YamlProblem[];
  source: string;
  chunkStart: number;
  value: ParsedDocument['value'];

  constructor(
    readonly nodes: Based,
    fields: DocumentFields,
  ) {
    this.index = fields.index;
    this.start = fields.start;
    this.end = fields.end;
    this.errors = fields.errors;
    this.warnings = fields.warnings;
    this.source = fields.source;
    this.chunkStart = fields.chunkStart;
    this.value = fields.value;
  }

  get doc(): Document.Parsed {
    const doc = this.nodes;
    if (doc[NODE_BASE] !== this.chunkStart) {
      shiftNodes(doc, this.chunkStart - doc[NODE_BASE]!);
      doc[NODE_BASE] = this.chunkStart;
    }
    return doc;
  }
}

export function shiftNodes(doc: Document.Parsed, delta: number): void {
  if (delta === 0) return;
  if (doc.range) doc.range = [doc.range[0] + delta, doc.range[1] + delta, doc.range[2] + delta];
  shiftNode(doc.contents, delta, 0);
}

/** A plain recursive walk: yaml's `visit` builds paths and checks visitor types per node, too slow here. */
function shiftNode(node: unknown, delta: number, depth: number): void {
  if (!node || typeof node !== 'object' || depth > 10_000) return;
  const n = node as { range?: [number, number, number] | null; items?: unknown[]; key?: unknown; value?: unknown };
  // In place: a new array per node made every edit of a large file allocate one per node below it.
  if (n.range) {
    n.range[0] += delta;
    n.range[1] += delta;
    n.range[2] += delta;
  }
  if (isPair(node)) {
    shiftNode(n.key, delta, depth + 1);
    shiftNode(n.value, delta, depth + 1);
  } else if (isCollection(node)) {
    for (const item of n.items ?? []) shiftNode(item, delta, depth + 1);
  }
}

