import { documentRule } from '../rule';
import { containersOf } from '../../workspace/pod-template';
import { sharedPodTemplate } from '../document-facts';
import { DUPLICATE_MESSAGES, duplicates } from './find';

export const duplicateContainerName = documentRule({
  meta: {
    id: 'duplicate/container-name',
    replaces: 'duplicate-key-values',
    severity: 'warning',
    scope: 'document',
    checksPatches: true,
    description: 'Two containers of one pod with the same name (init containers included).',
    docs: [
      'Container names are unique across a pod\'s containers, init containers and ephemeral containers:',
      'the API server refuses a repeated one (`Duplicate value`). Copying a container block to make a',
      'sidecar is the usual cause.',
    ].join('\n'),
    messages: DUPLICATE_MESSAGES,
  },
  checkResource(ctx) {
    const template = sharedPodTemplate(ctx.derived, ctx.resource);
    if (!template) return [];
    return duplicates(containersOf(template).map((c) => [c.container.name, [...c.path, 'name']] as const));
  },
});
