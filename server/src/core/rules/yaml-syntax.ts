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
      '```yaml',
      'spec:',
      '\tcontainers: []   # tab used for indentation',
      '```',
    ].join('\n'),
  },
  checkFile({ file }): Report[] {
    return file.documents.flatMap((d) =>
      d.errors.map((e) => ({
        message: HINTS[e.code] && !e.message.toLowerCase().startsWith(HINTS[e.code].slice(0, 10)) ? `${HINTS[e.code]}: ${e.message}` : e.message,
        range: [e.start, Math.max(e.end, e.start + 1)] as const,
      })),
    );
  },
};
