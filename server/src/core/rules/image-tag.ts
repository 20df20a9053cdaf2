import type { Report, ResourceContext, Rule } from './rule';
import { detectApps, type App } from '../stacks/detect';
import { containersOf, podTemplateOf } from '../workspace/pod-template';
import { imageNameOf, imageTagOf } from '../k8s/image-ref';

export const imageTag: Rule = {
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
      '```yaml',
      'image: nginx          # no tag: pin a version such as nginx:1.27.3',
      '```',
      '',
      'An image whose tag a build tool sets is not reported: one named in a kustomization\'s',
      '`images:` with a `newTag` or `digest`, or one a `skaffold.yaml` of the workspace builds',
      '(`build.artifacts[].image`).',
    ].join('\n'),
  },
  checkResource(ctx: ResourceContext): Report[] {
    const template = podTemplateOf(ctx.resource);
    if (!template) return [];
    const apps = detectApps(ctx.resource);
    return containersOf(template).flatMap(({ container, path }): Report[] => {
      const image = container.image;
      if (typeof image !== 'string' || image === '' || image.includes('@')) return [];
      // Kustomize's `images:` or skaffold write the tag at build time: the manifest leaves it out on purpose.
      if (ctx.imagesSetByTools?.has(imageNameOf(image))) return [];
      const tag = imageTagOf(image);
      const app = apps.find((a) => a.container.container === container)?.app;
      const why = app && STACK_REASON[app] ? `; ${STACK_REASON[app]}` : '';
      if (tag === undefined) return [{ path: [...path, 'image'], at: 'value', message: `image "${image}" has no tag, so it means :latest; pin a version${why}` }];
      if (tag === 'latest') return [{ path: [...path, 'image'], at: 'value', message: `image "${image}" uses the :latest tag; pin a version${why}` }];
      return [];
    });
  },
};

/** Why an unpinned image hurts more for the applications we know. */
const STACK_REASON: Partial<Record<App, string>> = {
  directus: 'a new Directus version migrates the database when a pod starts, so a restart can upgrade (and break) production',
  mariadb: 'a restart that pulls a new major version may refuse the existing data directory',
  mysql: 'a restart that pulls a new major version may refuse the existing data directory',
  postgres: 'a new PostgreSQL major version cannot read the existing data directory without pg_upgrade',
  mongodb: 'a new MongoDB major version needs the featureCompatibilityVersion steps; a restart can leave it unable to start',
  redis: 'a restart may pull a Redis with a different persistence format',
};
