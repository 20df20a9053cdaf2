import { documentRule } from '../rule';
import { asArray, asObject, valueAt } from '../../workspace/pod-template';
import { DUPLICATE_MESSAGES, duplicates, portKey } from './find';

export const duplicateServicePort = documentRule({
  meta: {
    id: 'duplicate/service-port',
    replaces: 'duplicate-key-values',
    severity: 'warning',
    scope: 'document',
    checksPatches: true,
    description: 'Two ports of one Service with the same name, or the same port and protocol.',
    docs: [
      'A Service\'s ports are keyed by port and protocol, and named when there are several (an Ingress',
      'or a route may name one): the API server refuses a repeated name or port (`Duplicate value`).',
      'The same number with TCP and UDP (DNS on 53) is two ports.',
    ].join('\n'),
    messages: DUPLICATE_MESSAGES,
  },
  checkResource(ctx) {
    if (ctx.resource.kind !== 'Service' || ctx.resource.group !== '') return [];
    const ports = asArray(valueAt(ctx.resource.value, ['spec', 'ports'])).map((p) => asObject(p));
    return [...duplicates(ports.map((p, i) => [p?.name, ['spec', 'ports', i, 'name']] as const)), ...duplicates(ports.map((p, i) => [portKey(p, 'port'), ['spec', 'ports', i, 'port']] as const))];
  },
});
