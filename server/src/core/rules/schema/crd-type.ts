import { documentRule } from '../rule';
import { SCHEMA_DOCS, SCHEMA_MESSAGE, schemaReports } from './check';

export const schemaCrdType = documentRule({
  meta: {
    id: 'schema/crd-type',
    replaces: 'schema',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    description: 'A CustomResourceDefinition schema with a type the API server does not accept.',
    docs: [
      'A CRD\'s `openAPIV3Schema` may only use the types `array`, `boolean`, `integer`, `number`,',
      '`object` and `string`: the API server refuses others (`Unsupported value`), such as `int` or',
      '`map`, at any depth of the schema.',
      '',
      ...SCHEMA_DOCS,
    ].join('\n'),
    messages: SCHEMA_MESSAGE,
  },
  checkResource: (ctx) => schemaReports(ctx, 'crd-type'),
});
