import { documentRule } from '../rule';
import { SCHEMA_DOCS, SCHEMA_MESSAGE, schemaReports } from './check';

export const schemaEnum = documentRule({
  meta: {
    id: 'schema/enum',
    replaces: 'schema',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    description: 'A value outside the values a field allows (`Unsupported value`).',
    docs: [
      'A value outside an enum ("Possible enum values" in the API docs) or a constant: the API server',
      'answers `Unsupported value` and lists the supported ones.',
      '',
      ...SCHEMA_DOCS,
    ].join('\n'),
    messages: SCHEMA_MESSAGE,
  },
  checkResource: (ctx) => schemaReports(ctx, 'enum'),
});
