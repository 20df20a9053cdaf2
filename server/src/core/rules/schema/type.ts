import { documentRule } from '../rule';
import { SCHEMA_DOCS, SCHEMA_MESSAGE, schemaReports } from './check';

export const schemaType = documentRule({
  meta: {
    id: 'schema/type',
    replaces: 'schema',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    description: 'A value of the wrong type (a string for an integer, a list for a map, int-or-string).',
    docs: [
      'The API server refuses a value of the wrong type with "must be of type": `replicas: "3"` is a',
      'string. Quantities and int-or-string fields (`targetPort`, `maxSurge`) accept either form.',
      '',
      ...SCHEMA_DOCS,
    ].join('\n'),
    messages: SCHEMA_MESSAGE,
  },
  checkResource: (ctx) => schemaReports(ctx, 'type'),
});
