import { documentRule } from '../rule';
import { SCHEMA_DOCS, SCHEMA_MESSAGE, schemaReports } from './check';

export const schemaPortRange = documentRule({
  meta: {
    id: 'schema/port-range',
    replaces: 'schema',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    description: 'A port number outside 1–65535 (containerPort, Service port, targetPort, probe and backend ports).',
    docs: [
      'The API server refuses port numbers outside 1–65535 (`must be between 1 and 65535, inclusive`)',
      'wherever a `port`, `containerPort`, `targetPort` or `number` holds one (containers, Services,',
      'probes, Ingress backends); `hostPort` and `nodePort` may also be 0 ("not set"). OpenAPI says only',
      'int32. Custom resources give "port" their own meaning and are not checked.',
      '',
      ...SCHEMA_DOCS,
    ].join('\n'),
    messages: SCHEMA_MESSAGE,
  },
  checkResource: (ctx) => schemaReports(ctx, 'port-range'),
});
