import { isMap, isScalar } from 'yaml';
import { documentUndecodable, UNDER_INDENTED_QUOTE, type ParsedDocument, type YamlProblem } from '../model/parse';
import type { Report, Rule } from './rule';

/** Friendlier words for the parse errors people hit most; the parser's own message follows. */
const HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'tabs are not allowed for indentation in YAML; use spaces',
  DUPLICATE_KEY: 'mapping key appears twice',
  BAD_INDENT: 'bad indentation',
  MISSING_CHAR: 'unclosed quote or bracket',
  MULTILINE_IMPLICIT_KEY: 'a key cannot span lines; is a ":" or an indent missing?',
};

export const yamlSyntax: Rule = {
  meta: {
    id: 'yaml-syntax',
    severity: 'error',
    scope: 'file',
    description: 'YAML that does not parse: bad indentation, tabs, duplicate keys, unclosed quotes.',
    docs: [
      'The API server refuses a file that is not valid YAML, so nothing else is checked in a',
      'document with syntax errors (a recovered parse would only produce misleading follow-up errors).',
      '',
      'Duplicate keys are errors too, as the API server reports them (`key "containers" already set in map`).',
      '',
      'Valid YAML that has no JSON form is an error too, as kubectl stops at it: a collection used as a',
      'mapping key (`? [a, b]`), or an alias inside the node it refers to.',
    ].join('\n'),
  },
  checkFile({ file }): Report[] {
    // A loop that allocates only for problems: every edit runs it over every document of the file.
    const reports: Report[] = [];
    for (const d of file.documents) {
      if (d.errors.length > 0) reports.push(...d.errors.map(syntaxError));
      else documentReports(d, reports);
    }
    return reports;
  },
};

function syntaxError(e: YamlProblem): Report {
  return {
    message: HINTS[e.code] && !e.message.toLowerCase().startsWith(HINTS[e.code].slice(0, 10)) ? `${HINTS[e.code]}: ${e.message}` : e.message,
    range: [e.start, Math.max(e.end, e.start + 1)] as const,
  };
}

/** A valid document's reports: quoted lines only go-yaml accepts, and YAML that has no JSON form. */
function documentReports(d: ParsedDocument, reports: Report[]): void {
  for (const w of d.warnings) if (w.code === UNDER_INDENTED_QUOTE) reports.push({ message: w.message, range: [w.start, w.end], severity: 'warning' });
  // Valid YAML that still is not JSON: kubectl stops at it, so nothing else is checked either.
  // The shared conversion first: looking at the nodes moves a reused document's (parse.ts).
  const found = documentUndecodable(d);
  if (found && looksLikeKubernetes(d)) reports.push({ message: `error converting YAML to JSON: ${found.message}`, range: found.range ?? [d.start, d.start + 1] });
}

/** String `apiVersion` and `kind` at the top (product.md §5), read from the nodes: the document has no JS value. */
function looksLikeKubernetes(d: ParsedDocument): boolean {
  const root = d.doc.contents;
  if (!isMap(root)) return false;
  const stringAt = (key: string) => root.items.some((p) => isScalar(p.key) && p.key.value === key && isScalar(p.value) && typeof p.value.value === 'string' && p.value.value !== '');
  return stringAt('apiVersion') && stringAt('kind');
}
