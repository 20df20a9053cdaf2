import type { Report, WorkspaceContext, Rule } from './rule';
import { namespaceOf, searchedWhere, selectorMatches, targets, unmatchedSelector, unresolved, type Unresolved } from '../workspace/lookup';
import { clusterBuiltIn } from '../workspace/cluster-builtins';
import { referencesOf, type Reference } from '../workspace/references';
import { stringMap, valueAt } from '../workspace/pod-template';
import type { Workspace } from '../workspace/workspace';
import { isGatewayRoute } from '../workspace/gateway-api';

export const danglingBackend: Rule = {
  meta: {
    id: 'dangling-backend',
    severity: 'warning',
    scope: 'workspace',
    description: 'An Ingress or Gateway API route backend Service, HPA scale target, NetworkPolicy or PodDisruptionBudget selector that points at nothing.',
    docs: [
      'These objects are accepted by the API server and then do nothing: an Ingress or a Gateway API',
      'route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute `backendRefs`, in the namespace the',
      'reference names) routes to a Service that does not exist (503, `ResolvedRefs: False`), an HPA',
      'scales a Deployment that is not there, a',
      'NetworkPolicy or PodDisruptionBudget selects no pod of its namespace.',
      '',
      'A target one or two edits from a real name is a warning with "did you mean". An HPA target that',
      'nothing resembles, and a selector in a namespace without any workload in the workspace, are',
      'information: a chart or an operator usually makes them. Pods and Services that controllers',
      'create for custom resources count (the producers table), and so does the `kubernetes`',
      'Service; AWS Load Balancer Controller actions (`alb.ingress.kubernetes.io/actions.<name>`',
      'with port `use-annotation`) are not Services.',
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
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, workspace } = ctx;
    if (!workspace) return [];
    const namespace = namespaceOf(resource);
    if ((resource.kind === 'Ingress' && resource.group === 'networking.k8s.io') || (resource.kind === 'HorizontalPodAutoscaler' && resource.group === 'autoscaling') || isGatewayRoute(resource)) return missingTargets(ctx, workspace, namespace);
    if ((resource.kind === 'NetworkPolicy' && resource.group === 'networking.k8s.io') || (resource.kind === 'PodDisruptionBudget' && resource.group === 'policy')) {
      const path = resource.kind === 'NetworkPolicy' ? ['spec', 'podSelector'] : ['spec', 'selector'];
      const selector = valueAt(resource.value, path);
      // An empty NetworkPolicy podSelector selects every pod of the namespace on purpose.
      if (!selector || typeof selector !== 'object' || Object.keys(selector).length === 0) return [];
      if (workspace.index.podTemplatesIn(namespace).some((p) => selectorMatches(selector, p.template!.labels))) return [];
      const { severity, hint } = unmatchedSelector(workspace, namespace, stringMap((selector as { matchLabels?: unknown }).matchLabels));
      return [{ path, at: 'key', severity, message: `${path.join('.')} matches no pod template in ${searchedWhere(workspace, namespace)}${hint}` }];
    }
    return [];
  },
};

function missingTargets(ctx: WorkspaceContext, workspace: Workspace, namespace: string): Report[] {
  const route = isGatewayRoute(ctx.resource);
  return referencesOf(ctx.resource).flatMap((ref): Report[] => {
    const isBackend = ((ctx.resource.kind === 'Ingress' || route) && ref.group === '' && ref.kind === 'Service') || ctx.resource.kind === 'HorizontalPodAutoscaler';
    if (!isBackend) return [];
    // A route's backend may name its namespace (allowed by a ReferenceGrant there: reference-grant).
    const where = route ? (ref.namespace ?? namespace) : namespace;
    if (targets(workspace, ref.group, ref.kind, where, ref.name).length > 0) return [];
    if (workspace.index.isPatched(ref.group, ref.kind, where, ref.name)) return [];
    if (clusterBuiltIn(ref.group, ref.kind, where, ref.name) || isAlbAction(ctx, ref.kind, ref.name)) return [];
    // A scale target no name resembles is usually made by a chart or an operator (information).
    const { severity, hint } = route ? routeBackendVerdict(workspace, ref, where) : unresolved(workspace, ref, where, 'warning', ctx.resource.kind === 'HorizontalPodAutoscaler');
    return [{ path: ref.path, at: 'value', severity, message: `${ref.kind} "${ref.name}" not found in ${searchedWhere(workspace, where)}${hint}` }];
  });
}

/**
 * Routes are often kept apart from the applications they route to (a platform repository): a
 * backend in a namespace of which the workspace has no Service at all is information, unless a
 * near name or another namespace says what was meant.
 */
function routeBackendVerdict(workspace: Workspace, ref: Reference, namespace: string): Unresolved {
  const verdict = unresolved(workspace, ref, namespace, 'warning');
  if (verdict.hint || workspace.index.ofKind('', 'Service', namespace).length > 0) return verdict;
  return { severity: 'info', hint: ' (no Service of this namespace is in the workspace: the application may be deployed from elsewhere)' };
}

/**
 * The AWS Load Balancer Controller reads `alb.ingress.kubernetes.io/actions.<name>` annotations:
 * a backend naming such an action (port name `use-annotation`) is an action, not a Service.
 */
function isAlbAction(ctx: WorkspaceContext, kind: string, name: string): boolean {
  const annotations = stringMap(valueAt(ctx.resource.value, ['metadata', 'annotations']));
  return kind === 'Service' && ctx.resource.kind === 'Ingress' && Object.hasOwn(annotations, `alb.ingress.kubernetes.io/actions.${name}`);
}
