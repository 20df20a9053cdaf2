import { isMap, parseAllDocuments, parseDocument, YAMLParseError, type Document } from 'yaml';
import { MANIFEST_PARSE_OPTIONS } from '../../shared/manifest-yaml';
import { splitChunks, type Chunk } from './chunks';
import { LineIndex } from './line-index';
import { detached } from './strings';
import { MAX_NESTING, nestsDeeperThan } from './nesting';
import { undecodableReason, type Undecodable } from './undecodable';
import { plainValue } from './plain-value';
import { relaxQuoteIndentation, type RelaxedQuotes } from './quote-indent';
import type { Resource } from './resource';
import { documentAt, shiftNodes, withNodes } from './movable-document';
import { chunkGroups, middleDocuments, unchangedEdges, type UnchangedEdges } from './unchanged-edges';

/** The code of the warning for a quoted scalar's line that only go-yaml accepts. */
export const UNDER_INDENTED_QUOTE = 'UNDER_INDENTED_QUOTE';
import { chartTemplateSkip, findTemplateMarkers, templateSyntaxSkip, templateUnparsedSkip, type FileFacts, type SkippedFile } from './templates';

/** A YAML parse problem, kept as data (eemeli/yaml style): never thrown. */
export interface YamlProblem {
  code: string;
  message: string;
  start: number;
  end: number;
  severity: 'error' | 'warning';
}

export interface ParsedDocument {
  index: number;
  /**
   * The document's nodes, with ranges absolute in this version of the file. A reused document's
   * nodes are moved to its new offset when they are first read (`documentAt`), not at parse: an
   * edit reads the nodes of few of the documents it reuses.
   */
  readonly doc: Document.Parsed;
  /** Offsets of the document in the file: [start, end). */
  start: number;
  end: number;
  errors: YamlProblem[];
  warnings: YamlProblem[];
  /** Text of the chunk the document was parsed from; equal text means equal document. */
  source: string;
  /** File offset of that chunk; the document's node ranges are absolute (chunk offsets + this). */
  chunkStart: number;
  /**
   * The document's plain JS value, converted once: shared by the moved copies of a reused
   * document, so an edit converts only the documents it changed.
   */
  value: { computed: boolean; value?: unknown; /** Offsets relative to chunkStart. */ undecodable?: Undecodable; /** Whether the root node is a map. */ rootIsMap?: boolean };
  /** The document's objects, made once per ParsedDocument (resource.ts; a moved copy makes its own: they hold its offsets). */
  resources?: readonly Resource[];
}

export interface ParsedFile {
  text: string;
  lines: LineIndex;
  documents: ParsedDocument[];
  /** Why and where the file is not analysed (a Helm/Go template); undefined when it is. */
  skipped?: SkippedFile;
  /** The host's facts the parse was made with (a changed fact means a new parse). */
  facts: FileFacts;
}

/**
 * Kubernetes decodes manifests with YAML 1.1 resolution (sigs.k8s.io/yaml on go-yaml v2): `yes`/`on`
 * are booleans there, `0644` is 420, so we resolve scalars the same way to see what the API server
 * sees. The schema and options live in shared/ because the client's apply decodes with them too;
 * one schema for all documents, with the fast path for plain strings (shared/manifest-yaml.ts).
 */
const PARSE_OPTIONS = MANIFEST_PARSE_OPTIONS;

/**
 * Parses a file into its documents. With `previous` (the parse of the same file's last version),
 * documents whose text did not change are reused instead of re-parsed: an edit costs one document.
 * The versions share the reused documents' nodes, moved in place to the offsets of whichever
 * version reads them through its documents (movable-document.ts): a node reference kept from one
 * version is at another's offsets once that one has read it.
 *
 * Go templates are not YAML until rendered (product.md §5): a chart's templates/ file (a fact the
 * host passes in) and a file whose `{{` markers are YAML syntax are skipped, with where and why;
 * `{{` inside scalars and comments is data.
 */
export function parseFile(text: string, previous?: ParsedFile, facts: FileFacts = {}, made?: MadeDocuments): ParsedFile {
  const edges = previous && unchangedEdges(previous, text);
  const lines = previous && edges ? LineIndex.edited(previous.lines, text, edges.headEnd, text.length - edges.tailStart) : new LineIndex(text);
  if (facts.chartTemplate) return { text, lines, documents: [], skipped: chartTemplateSkip(text), facts };
  const markers = text.includes('{{') ? findTemplateMarkers(text) : undefined;
  const syntax = markers && templateSyntaxSkip(markers, text);
  if (syntax) return { text, lines, documents: [], skipped: syntax, facts };
  const documents = previous && edges ? parseEdited(text, previous, edges, made) : parseDocuments(text, made);
  const broken = markers ? documents.filter((d) => d.errors.length > 0) : [];
  const unparsed = markers && broken.length > 0 ? templateUnparsedSkip(markers, text, broken) : undefined;
  return unparsed ? { text, lines, documents: [], skipped: unparsed, facts } : { text, lines, documents, facts };
}

/**
 * The document of a chunk made without parsing its text (its ranges at `chunkStart`), when the
 * caller has it: what a parse of the chunk would give, node for node (model/value-document.ts).
 */
export type MadeDocuments = (source: string, chunkStart: number) => Document.Parsed | undefined;

function parseDocuments(text: string, made: MadeDocuments | undefined): ParsedDocument[] {
  const chunks = splitChunks(text);
  return made ? parseChunks(text, chunks, new Map(), made, []) : parseFresh(text, chunks);
}

/**
 * A new version of a parsed file: its unchanged head and tail are kept (unchanged-edges.ts), the
 * part between them is split again, and each of its chunks reuses a previous document of the same
 * text there or is parsed.
 */
function parseEdited(text: string, previous: ParsedFile, edges: UnchangedEdges, made: MadeDocuments | undefined): ParsedDocument[] {
  const documents: ParsedDocument[] = [...edges.head];
  parseChunks(text, splitChunks(text, edges.headEnd, edges.tailStart), groupBySource(middleDocuments(previous, edges)), made, documents);
  for (const d of edges.tail) {
    const moved = moveDocument(d, d.chunkStart + edges.delta);
    documents.push(moved.index === documents.length ? moved : documentAt(moved, { index: documents.length }));
  }
  return documents;
}

function parseChunks(text: string, chunks: readonly Chunk[], reusable: Map<string, ParsedDocument[][]>, made: MadeDocuments | undefined, documents: ParsedDocument[]): ParsedDocument[] {
  for (const chunk of chunks) {
    const source = text.slice(chunk.start, chunk.end);
    const old = reusable.get(source)?.shift();
    // A new chunk is parsed from a copy of its text: the document (and its nodes' values, slices of
    // that text) outlives this version of the file when later edits reuse it.
    const doc = old ? undefined : made?.(source, chunk.start);
    const parsed = old ? old.map((d) => moveDocument(d, chunk.start)) : doc ? [madeDocument(doc, detached(source), chunk.start)] : parseChunk(detached(source), chunk.start);
    // A document before the edit keeps its offsets and place: the same object (and what is made from it once, its resources).
    for (const d of parsed) documents.push(d.index === documents.length ? d : documentAt(d, { index: documents.length }));
  }
  return documents;
}

/** Previous documents by chunk text; a chunk may hold several documents (kept together). */
function groupBySource(previous: readonly ParsedDocument[]): Map<string, ParsedDocument[][]> {
  const map = new Map<string, ParsedDocument[][]>();
  for (const { source, documents } of chunkGroups(previous)) {
    const list = map.get(source);
    if (list) list.push(documents);
    else map.set(source, [documents]);
  }
  return map;
}

function parseChunk(source: string, base: number): ParsedDocument[] {
  const { list, relaxed } = parseLikeKubectl(source);
  return list.map((doc, index) => {
    shiftNodes(doc, base);
    const [start, , end] = doc.range ?? [base, base, base + source.length];
    return withNodes(doc, base, {
      index,
      start,
      end,
      errors: doc.errors.map((e) => toProblem(e, 'error', base, source)),
      warnings: [...doc.warnings.map((w) => toProblem(w, 'warning', base, source)), ...relaxedWarnings(doc, relaxed, base, source)],
      source,
      chunkStart: base,
      value: { computed: false },
    });
  });
}

function madeDocument(doc: Document.Parsed, source: string, chunkStart: number): ParsedDocument {
  return withNodes(doc, chunkStart, { index: 0, start: doc.range[0], end: doc.range[2], errors: [], warnings: [], source, chunkStart, value: { computed: false } });
}

/**
 * A chunk that fails only because a quoted scalar's continuation lines are not indented enough
 * (which go-yaml, and so kubectl, accepts) is read from a copy with those lines indented
 * (quote-indent.ts: same length, same values, same node ranges); each such line is a warning.
 */
function parseLikeKubectl(source: string): { list: Document.Parsed[]; relaxed?: RelaxedQuotes } {
  const list = parseOrTooDeep(source);
  if (!list.some((d) => d.errors.length > 0)) return { list };
  const relaxed = relaxQuoteIndentation(source);
  if (!relaxed) return { list };
  const retried = parseOrTooDeep(relaxed.text);
  return retried.some((d) => d.errors.length > 0) ? { list } : { list: retried, relaxed };
}

/** The warnings for the lines `parseLikeKubectl` indented, in the document that holds them. */
function relaxedWarnings(doc: Document.Parsed, relaxed: RelaxedQuotes | undefined, base: number, source: string): YamlProblem[] {
  if (!relaxed || !doc.range) return [];
  const [start, , end] = doc.range;
  return relaxed.lines
    .filter((line) => line + base >= start && line + base < end)
    .map((lineStart) => lineStart + (/^ */.exec(source.slice(lineStart))?.[0].length ?? 0))
    .map((line) => ({
      code: UNDER_INDENTED_QUOTE,
      message: 'this line of a multi-line quoted scalar is not indented more than the line the scalar starts on: kubectl accepts it, YAML 1.2 parsers (editors, linters) reject it; indent it further',
      start: line + base,
      end: line + base + Math.max(1, relaxed.text.indexOf('\n', line) - line),
      severity: 'warning' as const,
    }));
}

/**
 * The first parse of a file. Valid YAML parses the same whole or chunk by chunk, and the whole
 * stream is faster; when it has errors, an error can run across a `---` line (an unclosed quote)
 * and the two differ. Then the file is parsed chunk by chunk, as later edits will be and as
 * kubectl splits documents, so a fresh and an incremental parse always agree.
 */
function parseFresh(text: string, chunks: readonly Chunk[]): ParsedDocument[] {
  const whole = parseWhole(text, chunks);
  if (!whole.some((d) => d.errors.length > 0) && coversEveryChunk(whole, text, chunks)) return whole;
  const documents: ParsedDocument[] = [];
  for (const chunk of chunks) for (const d of parseChunk(detached(text.slice(chunk.start, chunk.end)), chunk.start)) documents.push(documentAt(d, { index: documents.length }));
  return documents;
}

/** A line of a chunk that is YAML content: not blank, not a comment, not the document marker. */
const CONTENT_LINE = /^(?!(?:---|\.\.\.)(?:[ \t\r]|$))[ \t]*[^\s#]/m;

/**
 * Whether every chunk with content overlaps a document of the whole-stream parse. yaml can end a
 * document early without an error (fuzzing found an unterminated quote under an explicit key after
 * which the rest of the stream, two more documents, vanished); the chunk-by-chunk parse then keeps
 * the documents after it, as the incremental parse does.
 */
function coversEveryChunk(documents: readonly ParsedDocument[], text: string, chunks: readonly Chunk[]): boolean {
  let d = 0;
  for (const chunk of chunks) {
    while (d < documents.length && documents[d].end <= chunk.start) d++;
    const overlaps = d < documents.length && documents[d].start < chunk.end;
    if (!overlaps && CONTENT_LINE.test(text.slice(chunk.start, chunk.end))) return false;
  }
  return true;
}

/**
 * A first parse reads the whole stream at once (offsets come out absolute, nothing to move) and
 * files each document under the chunk it starts in, so later edits can reuse it by chunk text.
 */
function parseWhole(text: string, chunks: readonly Chunk[]): ParsedDocument[] {
  const list = parseOrTooDeep(text);
  let c = 0;
  return list.map((doc, index) => {
    const [start, , end] = doc.range ?? [0, 0, text.length];
    while (c + 1 < chunks.length && chunks[c + 1].start <= start) c++;
    const chunk = chunks[c];
    const source = text.slice(chunk.start, chunk.end);
    return withNodes(doc, chunk.start, {
      index,
      start,
      end,
      errors: doc.errors.map((e) => toProblem(e, 'error', 0, text)),
      warnings: doc.warnings.map((w) => toProblem(w, 'warning', 0, text)),
      source,
      chunkStart: chunk.start,
      value: { computed: false },
    });
  });
}

function moveDocument(d: ParsedDocument, newBase: number): ParsedDocument {
  const delta = newBase - d.chunkStart;
  if (delta === 0) return d;
  const move = (p: YamlProblem) => ({ ...p, start: p.start + delta, end: p.end + delta });
  return documentAt(d, { start: d.start + delta, end: d.end + delta, errors: d.errors.map(move), warnings: d.warnings.map(move), chunkStart: newBase });
}

/**
 * yaml's parser recurses per nesting level: text nesting deeper than MAX_NESTING (10,000 `[` or
 * `- - - … x`, found by fuzzing) is not given to it, and neither is a stack overflow thrown. Then
 * each chunk is parsed alone, as an incremental parse would, and a chunk that cannot be parsed
 * becomes one document with one error.
 */
function parseOrTooDeep(text: string): Document.Parsed[] {
  const all = (docs: ReturnType<typeof parseAllDocuments>) => (Array.isArray(docs) ? docs : []) as Document.Parsed[];
  try {
    if (!nestsDeeperThan(text)) return all(parseAllDocuments(text, PARSE_OPTIONS));
  } catch {
    // parsed chunk by chunk below
  }
  return splitChunks(text).flatMap((chunk) => {
    const piece = text.slice(chunk.start, chunk.end);
    try {
      if (nestsDeeperThan(piece)) throw new Error(`nesting deeper than ${MAX_NESTING} levels`);
      const docs = all(parseAllDocuments(piece, PARSE_OPTIONS));
      for (const doc of docs) {
        shiftNodes(doc, chunk.start);
        for (const e of [...doc.errors, ...doc.warnings]) e.pos = [e.pos[0] + chunk.start, e.pos[1] + chunk.start];
      }
      return docs;
    } catch (e) {
      const doc = parseDocument('', PARSE_OPTIONS) as Document.Parsed;
      doc.range = [chunk.start, chunk.end, chunk.end];
      doc.errors.push(new YAMLParseError([chunk.start, chunk.start + Math.min(1, piece.length)], 'RESOURCE_EXHAUSTION', `YAML not parsed: ${(e as Error).message}`));
      return [doc];
    }
  });
}

function toProblem(e: { code: string; message: string; pos: [number, number] }, severity: 'error' | 'warning', base: number, source: string): YamlProblem {
  // Errors found only at the end of input (an unclosed quote) point at the last character written,
  // so they land on a visible line rather than after the file.
  const lastVisible = Math.max(0, source.trimEnd().length - 1);
  const start = Math.min(e.pos[0], lastVisible) + base;
  const end = Math.max(start, Math.min(e.pos[1], source.trimEnd().length) + base);
  return { code: e.code, message: e.message.split('\n')[0], start, end, severity };
}

/**
 * undecodableReason walks every node. In a document without syntax errors it can only find
 * something where the text has a flow collection, an explicit key or an alias (`[`, `{`, `?`, `*`;
 * checked on a million random documents). Most manifests have none: the walk cost ~10 ms of a
 * 20,000-line file's first parse.
 */
function mayBeUndecodable(document: ParsedDocument): boolean {
  return document.errors.length > 0 || /[[{?*]/.test(document.source);
}

/** Why a document without syntax errors still cannot be turned into JSON (yaml-syntax reports it). */
export function documentUndecodable(document: ParsedDocument): Undecodable | undefined {
  documentValue(document);
  const found = document.value.undecodable;
  // Kept relative to the chunk: moved copies of the document share it.
  return found && { ...found, range: found.range && [found.range[0] + document.chunkStart, found.range[1] + document.chunkStart] };
}

/** Whether the document's root is a map, known without reading (moving) a reused document's nodes. */
export function rootIsMap(document: ParsedDocument): boolean {
  documentValue(document);
  return document.value.rootIsMap === true;
}

/** Plain JS of a document (converted once); undefined when it cannot be converted (e.g. an alias bomb). */
export function documentValue(document: ParsedDocument): unknown {
  if (!document.value.computed) {
    document.value.rootIsMap = isMap(document.doc.contents);
    try {
      const plain = plainValue(document.doc);
      const found = !plain && mayBeUndecodable(document) ? undecodableReason(document.doc) : undefined;
      document.value.undecodable = found && { ...found, range: found.range && [found.range[0] - document.chunkStart, found.range[1] - document.chunkStart] };
      document.value.value = plain ? plain.value : document.value.undecodable ? undefined : document.doc.toJS({ maxAliasCount: 1000 });
    } catch {
      document.value.value = undefined;
    }
    document.value.computed = true;
  }
  return document.value.value;
}
