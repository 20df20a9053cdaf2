import { documentRule } from '../rule';
import { SCHEMA_DOCS, SCHEMA_MESSAGE, schemaReports } from './check';

export const schemaCel = documentRule({
  meta: {
    id: 'schema/cel',
    replaces: 'schema',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    description: 'A custom resource that breaks one of its CRD\'s CEL rules (`x-kubernetes-validations`).',
    docs: [
      'The CRD\'s CEL rules (`x-kubernetes-validations`) are evaluated as the API server does on create,',
      '`self` being the value at the rule\'s node, and reported with the rule\'s message. Transition rules',
      '(`oldSelf`) and rules the interpreter cannot evaluate are skipped, never guessed. A Kustomize',
      'patch is not judged by them (the base has the other fields).',
      '',
      ...SCHEMA_DOCS,
    ].join('\n'),
    messages: SCHEMA_MESSAGE,
  },
  checkResource: (ctx) => schemaReports(ctx, 'cel'),
});
