import { documentRule } from '../rule';
import { asArray, asObject, containersOf } from '../../workspace/pod-template';
import { sharedPodTemplate } from '../document-facts';
import { DUPLICATE_MESSAGES, duplicates } from './find';

export const duplicateMountPath = documentRule({
  meta: {
    id: 'duplicate/mount-path',
    replaces: 'duplicate-key-values',
    severity: 'warning',
    scope: 'document',
    checksPatches: true,
    description: 'Two volume mounts of one container at the same path.',
    docs: [
      'Two `volumeMounts` of one container at the same `mountPath` are refused by the API server',
      '(`must be unique`): one volume would hide the other. Mounts of different containers may share a path.',
    ].join('\n'),
    messages: DUPLICATE_MESSAGES,
  },
  checkResource(ctx) {
    const template = sharedPodTemplate(ctx.derived, ctx.resource);
    if (!template) return [];
    return containersOf(template).flatMap(({ container, path }) => duplicates(asArray(container.volumeMounts).map((m, i) => [asObject(m)?.mountPath, [...path, 'volumeMounts', i, 'mountPath']] as const)));
  },
});
