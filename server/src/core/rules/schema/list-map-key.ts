import { documentRule } from '../rule';
import { SCHEMA_DOCS, SCHEMA_MESSAGE, schemaReports } from './check';

export const schemaListMapKey = documentRule({
  meta: {
    id: 'schema/list-map-key',
    replaces: 'schema',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    description: 'Two items with the same key in a keyed list of a custom resource (`x-kubernetes-list-map-keys`).',
    docs: [
      'A list the CRD declares as `x-kubernetes-list-type: map` is keyed by its `x-kubernetes-list-map-keys`:',
      'two items with the same key are refused (`Duplicate value`). For built-in kinds the API server only',
      'warns, and the duplicate/… rules report them.',
      '',
      ...SCHEMA_DOCS,
    ].join('\n'),
    messages: SCHEMA_MESSAGE,
  },
  checkResource: (ctx) => schemaReports(ctx, 'list-map-key'),
});
