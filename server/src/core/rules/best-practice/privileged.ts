import { documentRule } from '../rule';
import { asObject } from '../../workspace/pod-template';
import { appContainers } from './containers';

export const privileged = documentRule({
  meta: {
    id: 'best-practice/privileged',
    replaces: 'workload-best-practice',
    severity: 'info',
    scope: 'document',
    description: 'A container with `securityContext.privileged: true`.',
    docs: [
      'A hint, shown as information: `privileged: true` gives the container every capability and the',
      'node\'s devices; a process that escapes it owns the node. Node agents (CNI, storage drivers)',
      'need it; an application almost never does. The Pod Security Standards\' baseline level refuses it.',
    ].join('\n'),
    messages: { privileged: 'container "{name}" runs privileged' },
  },
  checkResource(ctx) {
    return appContainers(ctx.derived, ctx.resource)
      .filter(({ container }) => asObject(container.securityContext)?.privileged === true)
      .map(({ path, name }) => ({ path: [...path, 'securityContext', 'privileged'], at: 'value' as const, messageId: 'privileged' as const, data: { name } }));
  },
});
