import type { Report, WorkspaceContext, Rule } from './rule';
import { mapSelectorMatches, namespaceOf, searchedWhere, unmatchedSelector } from '../workspace/lookup';
import { stringMap, valueAt } from '../workspace/pod-template';

export const serviceNoPods: Rule = {
  meta: {
    id: 'service-no-pods',
    severity: 'warning',
    scope: 'workspace',
    description: 'A Service whose selector matches no pod template in its namespace.',
    docs: [
      'A Service sends traffic to the pods its `selector` matches. When no Deployment, StatefulSet,',
      'DaemonSet, Job, CronJob or Pod of the namespace carries those labels, the Service has no',
      'endpoints and every request to it fails. Workloads are known by group and kind; besides the',
      'built-in ones, Argo Rollouts (`argoproj.io` Rollout) and OpenKruise (`apps.kruise.io`',
      'CloneSet, StatefulSet, DaemonSet) run pods from their `spec.template`, and so do the pods that',
      'controllers run for custom resources (Prometheus, Alertmanager, CloudNativePG, Strimzi, Rook,',
      'Knative: the producers table). Services without a selector (ExternalName, manual Endpoints)',
      'are not checked. When no workload of the namespace is in the workspace at all, its pods come',
      'from elsewhere (a chart, an operator, another repository) and the finding is information; a',
      'pod template whose labels differ in one near value is named ("did you mean").',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, workspace } = ctx;
    if (!workspace || resource.kind !== 'Service' || resource.group !== '') return [];
    if (valueAt(resource.value, ['spec', 'type']) === 'ExternalName') return [];
    const selector = stringMap(valueAt(resource.value, ['spec', 'selector']));
    if (Object.keys(selector).length === 0) return [];
    const namespace = namespaceOf(resource);
    const pods = workspace.index.podTemplatesIn(namespace);
    if (pods.some((p) => mapSelectorMatches(selector, p.template!.labels))) return [];
    const wanted = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(',');
    const { severity, hint } = unmatchedSelector(workspace, namespace, selector);
    return [{ path: ['spec', 'selector'], at: 'key', severity, message: `selector ${wanted} matches no pod template in ${searchedWhere(workspace, namespace)}${hint}` }];
  },
};
