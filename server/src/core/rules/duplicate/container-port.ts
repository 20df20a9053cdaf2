import { documentRule } from '../rule';
import { asArray, asObject, containersOf } from '../../workspace/pod-template';
import { sharedPodTemplate } from '../document-facts';
import { DUPLICATE_MESSAGES, duplicates, portKey } from './find';

export const duplicateContainerPort = documentRule({
  meta: {
    id: 'duplicate/container-port',
    replaces: 'duplicate-key-values',
    severity: 'warning',
    scope: 'document',
    checksPatches: true,
    description: 'Two ports of one container with the same name, or the same number and protocol.',
    docs: [
      'A container\'s ports are referred to by name (a Service `targetPort`, a probe): a repeated name',
      'is refused by the API server. The same `containerPort` twice with the same protocol is a copy',
      'mistake; TCP 53 and UDP 53 are two ports and are not reported.',
    ].join('\n'),
    messages: DUPLICATE_MESSAGES,
  },
  checkResource(ctx) {
    const template = sharedPodTemplate(ctx.derived, ctx.resource);
    if (!template) return [];
    return containersOf(template).flatMap(({ container, path }) => {
      const ports = asArray(container.ports).map((p) => asObject(p));
      return [...duplicates(ports.map((p, i) => [p?.name, [...path, 'ports', i, 'name']] as const)), ...duplicates(ports.map((p, i) => [portKey(p, 'containerPort'), [...path, 'ports', i, 'containerPort']] as const))];
    });
  },
});
