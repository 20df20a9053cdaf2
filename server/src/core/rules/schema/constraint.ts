import { documentRule } from '../rule';
import { SCHEMA_DOCS, SCHEMA_MESSAGE, schemaReports } from './check';

export const schemaConstraint = documentRule({
  meta: {
    id: 'schema/constraint',
    replaces: 'schema',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    description: 'A value outside a pattern, length, bounds or item limit the schema sets.',
    docs: [
      'The schema\'s other limits: a `pattern`, `minimum`/`maximum`, `minLength`/`maxLength`,',
      '`minItems`/`maxItems` and formats. Mostly met in CRDs; the built-in kinds have few of them. A',
      'CRD pattern that is a Go regular expression without a JavaScript equivalent is not checked',
      '(internal-error says so).',
      '',
      ...SCHEMA_DOCS,
    ].join('\n'),
    messages: SCHEMA_MESSAGE,
  },
  checkResource: (ctx) => schemaReports(ctx, 'constraint'),
});
