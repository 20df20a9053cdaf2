import type { Report, DocumentContext, Rule } from './rule';
import { formatPath } from '../model/path';
import { asArray, asObject, claimTemplateNames, containersOf, podTemplateOf } from '../workspace/pod-template';

export const volumeMount: Rule = {
  meta: {
    id: 'volume-mount',
    severity: 'error',
    scope: 'document',
    description: 'A volumeMount naming no volume of the pod (API: `Not found`).',
    docs: [
      'Every `volumeMounts[].name` of a container must be the name of a volume in the pod\'s',
      '`spec.volumes` (or, for a StatefulSet or an OpenKruise CloneSet, of a `volumeClaimTemplates`',
      'entry); the API server',
      'rejects the object otherwise.',
    ].join('\n'),
  },
  checkResource(ctx: DocumentContext): Report[] {
    const template = podTemplateOf(ctx.resource);
    if (!template) return [];
    // A StatefulSet's volumeClaimTemplates are volumes of its pods too.
    const claims = claimTemplateNames(ctx.resource);
    const volumes = new Set([...asArray(template.spec.volumes).map((v) => asObject(v)?.name), ...claims].filter((n): n is string => typeof n === 'string'));
    return containersOf(template).flatMap(({ container, path }) =>
      asArray(container.volumeMounts).flatMap((m, i): Report[] => {
        const name = asObject(m)?.name;
        if (typeof name !== 'string' || volumes.has(name)) return [];
        const at = [...path, 'volumeMounts', i, 'name'];
        return [{ path: at, at: 'value', message: `${formatPath(at)}: Not found: ${JSON.stringify(name)}` }];
      }),
    );
  },
};
