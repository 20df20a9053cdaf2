import { documentRule } from '../rule';
import { asArray, asObject, containersOf } from '../../workspace/pod-template';
import { sharedPodTemplate } from '../document-facts';
import { DUPLICATE_MESSAGES, duplicates } from './find';

export const duplicateEnvName = documentRule({
  meta: {
    id: 'duplicate/env-name',
    replaces: 'duplicate-key-values',
    severity: 'warning',
    scope: 'document',
    checksPatches: true,
    description: 'Two env entries of one container with the same name.',
    docs: [
      'A container\'s `env` list is keyed by name, but the API server accepts a name twice: the last',
      'entry silently wins, which is rarely what was meant (a value added at the end overrides the one',
      'someone reads above it). Each container (init and ephemeral ones too) is checked on its own.',
    ].join('\n'),
    messages: DUPLICATE_MESSAGES,
  },
  checkResource(ctx) {
    const template = sharedPodTemplate(ctx.derived, ctx.resource);
    if (!template) return [];
    return containersOf(template).flatMap(({ container, path }) => duplicates(asArray(container.env).map((e, i) => [asObject(e)?.name, [...path, 'env', i, 'name']] as const)));
  },
});
