import type { Report, ResourceContext, Rule } from './rule';
import { asObject, containersOf, podTemplateOf } from '../workspace/pod-template';

/** Workloads whose pods serve until replaced (by group/kind): they want a readiness probe. */
const LONG_RUNNING = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'argoproj.io/Rollout', 'apps.kruise.io/CloneSet', 'apps.kruise.io/StatefulSet', 'apps.kruise.io/DaemonSet']);

export const workloadBestPractice: Rule = {
  meta: {
    id: 'workload-best-practice',
    severity: 'info',
    scope: 'document',
    description: 'Containers without resource requests, long-running containers without probes, privileged containers.',
    docs: [
      'Quiet hints, shown as information: a container without `resources.requests` is scheduled',
      'blindly and evicted first; a Deployment, StatefulSet or DaemonSet container without a',
      'readiness probe receives traffic before it is ready; `privileged: true` gives the container',
      'the node. One finding per container and concern. Turn it up with',
      '`rules: {workload-best-practice: warning}` or off with `off`.',
    ].join('\n'),
  },
  checkResource(ctx: ResourceContext): Report[] {
    const template = podTemplateOf(ctx.resource);
    if (!template) return [];
    return containersOf(template)
      .filter(({ path }) => path[path.length - 2] === 'containers')
      .flatMap(({ container, path }): Report[] => {
        const name = typeof container.name === 'string' ? container.name : `#${path[path.length - 1]}`;
        const out: Report[] = [];
        if (!asObject(asObject(container.resources)?.requests)) out.push({ path: [...path, 'name'], at: 'value', message: `container "${name}" has no resource requests (cpu, memory)` });
        if (LONG_RUNNING.has(`${ctx.resource.group}/${ctx.resource.kind}`) && !container.readinessProbe) out.push({ path: [...path, 'name'], at: 'value', message: `container "${name}" has no readinessProbe` });
        if (asObject(container.securityContext)?.privileged === true) out.push({ path: [...path, 'securityContext', 'privileged'], at: 'value', message: `container "${name}" runs privileged` });
        return out;
      });
  },
};
