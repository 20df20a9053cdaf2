import { documentRule, type Report } from '../rule';
import { asObject } from '../../workspace/pod-template';
import { appContainers } from './containers';

export const resourceRequests = documentRule({
  meta: {
    id: 'best-practice/resource-requests',
    replaces: 'workload-best-practice',
    severity: 'info',
    scope: 'document',
    description: 'A container without resource requests (or without the ones the `require` option names).',
    docs: [
      'A quiet hint, shown as information: a container without `resources.requests` is scheduled',
      'blindly (the scheduler counts it as needing nothing) and is among the first evicted when the',
      'node runs short. By default any request will do; the `require` option names the resources',
      'every container must request (`[cpu, memory]` is what kube-linter checks). Turn it up with',
      '`rules: {best-practice/resource-requests: warning}`, or the whole family with `best-practice/*`.',
    ].join('\n'),
    options: {
      require: { type: 'string-list', default: [], enum: ['cpu', 'memory', 'ephemeral-storage'], description: 'Resources each container must request; empty: any request will do.' },
    },
    messages: {
      noRequests: 'container "{name}" has no resource requests (cpu, memory)',
      missingRequest: 'container "{name}" requests no {resource}',
    },
  },
  checkResource(ctx) {
    return appContainers(ctx.derived, ctx.resource).flatMap(({ container, path, name }): Report<'noRequests' | 'missingRequest'>[] => {
      const requests = asObject(asObject(container.resources)?.requests);
      const at = { path: [...path, 'name'], at: 'value' as const };
      if (!requests) return [{ ...at, messageId: 'noRequests', data: { name } }];
      return ctx.options.require.filter((r) => requests[r] === undefined || requests[r] === null).map((resource) => ({ ...at, messageId: 'missingRequest' as const, data: { name, resource } }));
    });
  },
});
