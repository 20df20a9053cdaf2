import { Lexer } from 'yaml';

/** Why and where a file is not analysed: it is a Helm/Go template, not YAML until rendered. */
export interface SkippedFile {
  reason: string;
  /** Offsets of the first template marker, or of line 1 for a chart's templates/ file. */
  start: number;
  end: number;
}

/** What the host knows about a file that its text does not say (core never reads the file system). */
export interface FileFacts {
  /** The file is under `templates/` of a folder with a `Chart.yaml` (a Helm chart). */
  chartTemplate?: boolean;
  /**
   * For a kustomization file: what the host found at each local path it names, keyed as kustomize
   * reads it (kustomize/listed-paths.ts); undefined when the host cannot look (an unsaved file).
   */
  kustomizePaths?: Readonly<Record<string, 'file' | 'directory' | 'kustomization' | 'missing'>>;
  /**
   * For a kustomization file whose build the host ran (kustomize/build, on the files on disk and
   * this text): why it fails, at a range of this file or `elsewhere` (`path:line`, relative).
   */
  kustomizeBuild?: { message: string; range?: readonly [number, number]; elsewhere?: string };
}

export const CHART_TEMPLATE_REASON = 'Helm chart template (templates/ of a chart with Chart.yaml): not checked until rendered';
export const TEMPLATE_SYNTAX_REASON = 'Go template markers as YAML syntax: not checked until rendered';
export const TEMPLATE_UNPARSED_REASON = 'Go template markers in a file that does not parse as YAML: not checked until rendered';

/** A chart's templates/ file is skipped whatever its text: marked on its first line. */
export function chartTemplateSkip(text: string): SkippedFile {
  const newline = text.indexOf('\n');
  return { reason: CHART_TEMPLATE_REASON, start: 0, end: newline < 0 ? text.length : newline };
}

/** Where the template marker at `start` ends: its `}}` on the same line, else its `{{`. */
function markerRange(text: string, start: number): [number, number] {
  const lineEnd = text.indexOf('\n', start);
  const close = text.indexOf('}}', start + 2);
  return close >= 0 && (lineEnd < 0 || close < lineEnd) ? [start, close + 2] : [start, start + 2];
}

/** Lexer tokens whose text is data (a scalar's or a comment's), where `{{` is just characters. */
function isDataToken(token: string, afterScalarMarker: boolean): boolean {
  return afterScalarMarker || token[0] === '"' || token[0] === "'" || token[0] === '#';
}

/** Lexer control tokens that stand for no source text (see yaml's cst.ts). */
const CONTROL_TOKENS = new Set(['\x02', '\x18', '\x1f']);

export interface TemplateMarkers {
  /** Offset of the first `{{` that YAML reads as syntax (two flow-map starts), if any. */
  syntax?: number;
  /** Offsets of the `{{` inside scalars, in order (up to the first syntax marker). */
  inScalars: number[];
}

/**
 * Where `{{` occurs as YAML syntax and where as data, from yaml's lexer (the tokens its parser
 * reads). `name: {{ .Values.name }}` and `{{- if .Values.x }}` lines start flow maps: syntax.
 * `summary: "{{ $labels.instance }}"`, a dashboard's JSON in a block scalar, or a comment: data.
 * Only called for text that contains `{{`, so manifests without template markers pay nothing.
 */
export function findTemplateMarkers(text: string): TemplateMarkers {
  const found: TemplateMarkers = { inScalars: [] };
  let offset = 0;
  let scalarNext = false;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL_TOKENS.has(token)) {
      scalarNext = token === '\x1f';
      continue;
    }
    const at = token.indexOf('{{');
    if (isDataToken(token, scalarNext)) {
      if (at >= 0 && token[0] !== '#') found.inScalars.push(offset + at);
    } else if (at >= 0 || (token === '{' && text[offset + 1] === '{')) {
      found.syntax = offset + Math.max(at, 0);
      return found;
    }
    scalarNext = false;
    offset += token.length;
  }
  return found;
}

/** The skip of a file whose template markers are YAML syntax; undefined when they are all data. */
export function templateSyntaxSkip(markers: TemplateMarkers, text: string): SkippedFile | undefined {
  if (markers.syntax === undefined) return undefined;
  const [start, end] = markerRange(text, markers.syntax);
  return { reason: TEMPLATE_SYNTAX_REASON, start, end };
}

/**
 * The skip of a file with a document that has YAML syntax errors and template markers in its
 * scalars: such a document is most likely a template whose markers broke the YAML (a value like
 * `hello {{ .user }}: welcome`), and its errors would be about the template, not the manifest.
 * `{{` only in comments, or only in other documents, does not count: those syntax errors are real.
 */
export function templateUnparsedSkip(markers: TemplateMarkers, text: string, broken: readonly { start: number; end: number }[]): SkippedFile | undefined {
  const inBroken = markers.inScalars.find((at) => broken.some((d) => d.start <= at && at < d.end));
  if (inBroken === undefined) return undefined;
  const [start, end] = markerRange(text, inBroken);
  return { reason: TEMPLATE_UNPARSED_REASON, start, end };
}
