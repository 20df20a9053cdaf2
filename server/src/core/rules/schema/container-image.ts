import { documentRule } from '../rule';
import { SCHEMA_DOCS, SCHEMA_MESSAGE, schemaReports } from './check';

export const schemaContainerImage = documentRule({
  meta: {
    id: 'schema/container-image',
    replaces: 'schema',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    description: 'A container without an image.',
    docs: [
      'The API server requires `image` on every container of a pod (`Required value`), though the',
      'OpenAPI schema marks it optional (a Deployment\'s template is defaulted later). A Kustomize',
      'patch leaves the image to the base.',
      '',
      ...SCHEMA_DOCS,
    ].join('\n'),
    messages: SCHEMA_MESSAGE,
  },
  checkResource: (ctx) => schemaReports(ctx, 'container-image'),
});
