import { documentRule, type Report } from './rule';
import { detectApps, type App } from '../stacks/detect';
import { containersOf, podTemplateOf } from '../workspace/pod-template';
import { imageNameOf, imageTagOf } from '../k8s/image-ref';

export const imageTag = documentRule({
  meta: {
    id: 'image-tag',
    severity: 'warning',
    scope: 'document',
    checksPatches: true,
    description: 'A container image with `:latest` or no tag.',
    docs: [
      'An image without a tag means `:latest`: what runs changes whenever the image is pushed, a',
      'rollback does not roll back, and nodes may run different versions. Pin a version tag or a',
      'digest (`@sha256:…`).',
      '',
      'An image whose tag a build tool sets is not reported: one named in a kustomization\'s',
      '`images:` with a `newTag` or `digest`, or one a `skaffold.yaml` of the workspace builds',
      '(`build.artifacts[].image`).',
      '',
      'The `allow` option lists images that may go unpinned: a name without tag (`busybox`,',
      '`registry.local/tools/debug`), or a prefix ending in `*` (`registry.local/dev/*`).',
    ].join('\n'),
    options: {
      allow: { type: 'string-list', default: [], description: 'Image names (without tag) that may use `:latest` or no tag; a trailing `*` matches any rest of the name.' },
    },
    messages: {
      noTag: 'image "{image}" has no tag, so it means :latest; pin a version{why}',
      latest: 'image "{image}" uses the :latest tag; pin a version{why}',
    },
  },
  checkResource(ctx) {
    const template = podTemplateOf(ctx.resource);
    if (!template) return [];
    const apps = detectApps(ctx.resource);
    return containersOf(template).flatMap(({ container, path }): Report<'noTag' | 'latest'>[] => {
      const image = container.image;
      if (typeof image !== 'string' || image === '' || image.includes('@')) return [];
      // Kustomize's `images:` or skaffold write the tag at build time: the manifest leaves it out on purpose.
      if (ctx.imagesSetByTools?.has(imageNameOf(image)) || allowed(imageNameOf(image), ctx.options.allow)) return [];
      const tag = imageTagOf(image);
      const app = apps.find((a) => a.container.container === container)?.app;
      const why = app && STACK_REASON[app] ? `; ${STACK_REASON[app]}` : '';
      if (tag !== undefined && tag !== 'latest') return [];
      return [{ path: [...path, 'image'], at: 'value', messageId: tag === undefined ? 'noTag' : 'latest', data: { image, why } }];
    });
  },
});

/** Whether the `allow` option lets an image name go unpinned (`name`, or `prefix*`). */
function allowed(name: string, allow: readonly string[]): boolean {
  return allow.some((a) => (a.endsWith('*') ? name.startsWith(a.slice(0, -1)) : a === name));
}

/** Why an unpinned image hurts more for the applications we know. */
const STACK_REASON: Partial<Record<App, string>> = {
  directus: 'a new Directus version migrates the database when a pod starts, so a restart can upgrade (and break) production',
  mariadb: 'a restart that pulls a new major version may refuse the existing data directory',
  mysql: 'a restart that pulls a new major version may refuse the existing data directory',
  postgres: 'a new PostgreSQL major version cannot read the existing data directory without pg_upgrade',
  mongodb: 'a new MongoDB major version needs the featureCompatibilityVersion steps; a restart can leave it unable to start',
  redis: 'a restart may pull a Redis with a different persistence format',
};
