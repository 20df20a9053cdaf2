import type { Report, ResourceContext, Rule } from './rule';
import { containersOf, podTemplateOf } from '../workspace/pod-template';

export const imageTag: Rule = {
  meta: {
    id: 'image-tag',
    severity: 'warning',
    scope: 'document',
    description: 'A container image with `:latest` or no tag.',
    docs: [
      'An image without a tag means `:latest`: what runs changes whenever the image is pushed, a',
      'rollback does not roll back, and nodes may run different versions. Pin a version tag or a',
      'digest (`@sha256:…`).',
      '',
      '```yaml',
      'image: nginx          # no tag: pin a version such as nginx:1.27.3',
      '```',
    ].join('\n'),
  },
  checkResource(ctx: ResourceContext): Report[] {
    const template = podTemplateOf(ctx.resource);
    if (!template) return [];
    return containersOf(template).flatMap(({ container, path }): Report[] => {
      const image = container.image;
      if (typeof image !== 'string' || image === '' || image.includes('@')) return [];
      const tag = tagOf(image);
      if (tag === undefined) return [{ path: [...path, 'image'], at: 'value', message: `image "${image}" has no tag, so it means :latest; pin a version` }];
      if (tag === 'latest') return [{ path: [...path, 'image'], at: 'value', message: `image "${image}" uses the :latest tag; pin a version` }];
      return [];
    });
  },
};

/** The tag after the last `:` of the last path segment (`registry:5000/app` has a port, not a tag). */
function tagOf(image: string): string | undefined {
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  return colon < 0 ? undefined : lastSegment.slice(colon + 1);
}
