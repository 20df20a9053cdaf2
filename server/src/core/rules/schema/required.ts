import { documentRule } from '../rule';
import { SCHEMA_DOCS, SCHEMA_MESSAGE, schemaReports } from './check';

export const schemaRequired = documentRule({
  meta: {
    id: 'schema/required',
    replaces: 'schema',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    description: 'A required field that is missing (`Required value`).',
    docs: [
      'A field the schema requires is missing: the API server answers `Required value`. A Kustomize',
      'patch is a partial object, so its required fields are left to the base and not reported.',
      '',
      ...SCHEMA_DOCS,
    ].join('\n'),
    messages: SCHEMA_MESSAGE,
  },
  checkResource: (ctx) => schemaReports(ctx, 'required'),
});
