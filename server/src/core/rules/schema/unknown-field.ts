import { documentRule } from '../rule';
import { SCHEMA_DOCS, SCHEMA_MESSAGE, schemaReports } from './check';

export const schemaUnknownField = documentRule({
  meta: {
    id: 'schema/unknown-field',
    replaces: 'schema',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    fixable: true,
    description: 'A field the schema does not have (a typo, or a field of another release).',
    docs: [
      'Unknown fields are errors, as with `kubectl apply --validate=strict`; a near known field gets "did',
      'you mean" and a quick fix. A field that the target does not have but another release does says',
      'so: `unknown field "…lifecycle.stopSignal" (added in Kubernetes 1.33; the target is 1.31)`.',
      'A custom resource whose CRD sits in another folder of the workspace (a samples repository holds',
      'CRDs of several operator releases), or that is checked against the bundled catalog (one release',
      'of each operator), gets unknown fields as warnings naming the schema, unless the field is a near',
      'miss of a known one. Kustomize patch directives (`$patch`, `$retainKeys`, `$setElementOrder/…`)',
      'are not fields.',
      '',
      ...SCHEMA_DOCS,
    ].join('\n'),
    messages: SCHEMA_MESSAGE,
  },
  checkResource: (ctx) => schemaReports(ctx, 'unknown-field'),
});
