import { parseAllDocuments, type Document } from 'yaml';
import { LineIndex } from './line-index';

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
  doc: Document.Parsed;
  /** Offsets of the document in the file: [start, end). */
  start: number;
  end: number;
  errors: YamlProblem[];
  warnings: YamlProblem[];
}

export interface ParsedFile {
  text: string;
  lines: LineIndex;
  documents: ParsedDocument[];
  /** Why the file is not analysed, e.g. a Helm template; undefined when it is. */
  skipped?: string;
}

/**
 * Kubernetes decodes manifests with YAML 1.1 resolution (sigs.k8s.io/yaml on go-yaml v2):
 * `yes`/`on` are booleans there, so we resolve scalars the same way to see what the API server sees.
 */
const PARSE_OPTIONS = { version: '1.1', uniqueKeys: true, prettyErrors: false, strict: false } as const;

export function parseFile(text: string): ParsedFile {
  const lines = new LineIndex(text);
  const skipped = helmTemplateReason(text);
  if (skipped) return { text, lines, documents: [], skipped };
  const docs = parseAllDocuments(text, PARSE_OPTIONS);
  const list = Array.isArray(docs) ? docs : [];
  const documents = list.map((doc, index) => toParsedDocument(doc as Document.Parsed, index, text.length));
  return { text, lines, documents };
}

function toParsedDocument(doc: Document.Parsed, index: number, textLength: number): ParsedDocument {
  const [start, , end] = doc.range ?? [0, 0, textLength];
  return {
    index,
    doc,
    start,
    end,
    errors: doc.errors.map((e) => toProblem(e, 'error', textLength)),
    warnings: doc.warnings.map((w) => toProblem(w, 'warning', textLength)),
  };
}

function toProblem(e: { code: string; message: string; pos: [number, number] }, severity: 'error' | 'warning', textLength: number): YamlProblem {
  const start = Math.min(e.pos[0], textLength);
  const end = Math.max(start, Math.min(e.pos[1], textLength));
  return { code: e.code, message: e.message.split('\n')[0], start, end, severity };
}

/**
 * Go templates are not YAML until rendered; product.md §5 says to skip them. Whether a file sits
 * in a chart's templates/ folder is a file-system question answered by the hosts (CLI walker, LSP).
 */
export function helmTemplateReason(text: string): string | undefined {
  return text.includes('{{') ? 'Go template markers ({{ }})' : undefined;
}

/** Plain JS of a document; undefined when the document cannot be converted (e.g. an alias bomb). */
export function documentValue(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: 1000 });
  } catch {
    return undefined;
  }
}
