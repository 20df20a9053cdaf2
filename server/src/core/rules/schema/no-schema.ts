import { documentRule } from '../rule';
import { SCHEMA_DOCS, SCHEMA_MESSAGE, schemaReports } from './check';

export const schemaNoSchema = documentRule({
  meta: {
    id: 'schema/no-schema',
    replaces: 'schema',
    severity: 'info',
    scope: 'document',
    checksPatches: true,
    description: 'A kind with no schema (a custom resource whose CRD is nowhere): its fields are not checked.',
    docs: [
      'Information, never an error: a kind whose schema neither the workspace (a CRD), the connected',
      'cluster nor the bundled catalog has is not checked, and this says so instead of reporting',
      'nothing. When the catalog has the kind in another version, the message names it.',
      '',
      ...SCHEMA_DOCS,
    ].join('\n'),
    messages: SCHEMA_MESSAGE,
  },
  checkResource: (ctx) => schemaReports(ctx, 'no-schema'),
});
