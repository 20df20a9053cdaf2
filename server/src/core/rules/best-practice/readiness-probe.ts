import { documentRule } from '../rule';
import { appContainers } from './containers';

/** Workloads whose pods serve until replaced (by group/kind): they want a readiness probe. */
const LONG_RUNNING = ['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet', 'argoproj.io/Rollout', 'apps.kruise.io/CloneSet', 'apps.kruise.io/StatefulSet', 'apps.kruise.io/DaemonSet'];

export const readinessProbe = documentRule({
  meta: {
    id: 'best-practice/readiness-probe',
    replaces: 'workload-best-practice',
    severity: 'info',
    scope: 'document',
    description: 'A long-running workload\'s container without a readinessProbe.',
    docs: [
      'A quiet hint, shown as information: a Deployment, StatefulSet or DaemonSet container (also',
      'Argo Rollouts and OpenKruise workloads) without a readiness probe receives traffic as soon as',
      'it starts, before it is ready, and a rollout does not wait for it. Jobs and bare Pods are not',
      'judged. The `kinds` option lists the workload kinds (`<group>/<kind>`) that need one.',
    ].join('\n'),
    options: {
      kinds: { type: 'string-list', default: LONG_RUNNING, description: 'Workload kinds (`<group>/<kind>`, `apps/Deployment`) whose containers need a readiness probe.' },
    },
    messages: { noReadinessProbe: 'container "{name}" has no readinessProbe' },
  },
  checkResource(ctx) {
    if (!ctx.options.kinds.includes(`${ctx.resource.group}/${ctx.resource.kind}`)) return [];
    return appContainers(ctx.derived, ctx.resource)
      .filter(({ container }) => !container.readinessProbe)
      .map(({ path, name }) => ({ path: [...path, 'name'], at: 'value' as const, messageId: 'noReadinessProbe' as const, data: { name } }));
  },
});
