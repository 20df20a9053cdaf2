import type { Report, ResourceContext, Rule } from './rule';
import { missingSeverity, namespaceOf, searchedWhere, selectorMatches, targets } from '../workspace/lookup';
import { referencesOf } from '../workspace/references';
import { valueAt } from '../workspace/pod-template';
import type { Workspace } from '../workspace/workspace';

export const danglingBackend: Rule = {
  meta: {
    id: 'dangling-backend',
    severity: 'warning',
    scope: 'workspace',
    description: 'An Ingress backend Service, HPA scale target, NetworkPolicy or PodDisruptionBudget selector that points at nothing.',
    docs: [
      'These objects are accepted by the API server and then do nothing: an Ingress routes to a',
      'Service that does not exist (503), an HPA scales a Deployment that is not there, a',
      'NetworkPolicy or PodDisruptionBudget selects no pod of its namespace.',
      '',
      '```yaml',
      'kind: HorizontalPodAutoscaler',
      'spec:',
      '  scaleTargetRef:',
      '    apiVersion: apps/v1',
      '    kind: Deployment',
      '    name: shop-apii   # Deployment "shop-apii" not found in namespace "default"',
      '```',
    ].join('\n'),
  },
  checkResource(ctx: ResourceContext): Report[] {
    const { resource, workspace } = ctx;
    if (!workspace) return [];
    const namespace = namespaceOf(resource);
    if (resource.kind === 'Ingress' || resource.kind === 'HorizontalPodAutoscaler') return missingTargets(ctx, workspace, namespace);
    if ((resource.kind === 'NetworkPolicy' && resource.group === 'networking.k8s.io') || (resource.kind === 'PodDisruptionBudget' && resource.group === 'policy')) {
      const path = resource.kind === 'NetworkPolicy' ? ['spec', 'podSelector'] : ['spec', 'selector'];
      const selector = valueAt(resource.value, path);
      // An empty NetworkPolicy podSelector selects every pod of the namespace on purpose.
      if (!selector || typeof selector !== 'object' || Object.keys(selector).length === 0) return [];
      if (workspace.index.podTemplatesIn(namespace).some((p) => selectorMatches(selector, p.template!.labels))) return [];
      return [{ path, at: 'key', severity: missingSeverity(workspace, 'warning'), message: `${path.join('.')} matches no pod template in ${searchedWhere(workspace, namespace)}` }];
    }
    return [];
  },
};

function missingTargets(ctx: ResourceContext, workspace: Workspace, namespace: string): Report[] {
  return referencesOf(ctx.resource).flatMap((ref): Report[] => {
    const isBackend = (ctx.resource.kind === 'Ingress' && ref.kind === 'Service') || ctx.resource.kind === 'HorizontalPodAutoscaler';
    if (!isBackend || targets(workspace, ref.group, ref.kind, namespace, ref.name).length > 0) return [];
    if (workspace.index.isPatched(ref.group, ref.kind, namespace, ref.name)) return [];
    return [{ path: ref.path, at: 'value', severity: missingSeverity(workspace, 'warning'), message: `${ref.kind} "${ref.name}" not found in ${searchedWhere(workspace, namespace)}` }];
  });
}
