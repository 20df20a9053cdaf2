import { documentRule } from '../rule';
import { asArray, asObject } from '../../workspace/pod-template';
import { sharedPodTemplate } from '../document-facts';
import { DUPLICATE_MESSAGES, duplicates } from './find';

export const duplicateVolumeName = documentRule({
  meta: {
    id: 'duplicate/volume-name',
    replaces: 'duplicate-key-values',
    severity: 'warning',
    scope: 'document',
    checksPatches: true,
    description: 'Two volumes of one pod with the same name.',
    docs: [
      'A pod\'s `volumes` are keyed by name and mounts refer to them by it: the API server refuses a',
      'repeated name (`Duplicate value`).',
    ].join('\n'),
    messages: DUPLICATE_MESSAGES,
  },
  checkResource(ctx) {
    const template = sharedPodTemplate(ctx.derived, ctx.resource);
    if (!template) return [];
    return duplicates(asArray(template.spec.volumes).map((v, i) => [asObject(v)?.name, [...template.specPath, 'volumes', i, 'name']] as const));
  },
});
