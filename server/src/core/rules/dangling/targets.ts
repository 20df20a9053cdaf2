import type { Report, WorkspaceContext } from '../rule';
import { namespaceOf, searchedWhere, selectorMatches, targets, unmatchedSelector, unresolved, type Unresolved } from '../../workspace/lookup';
import { clusterBuiltIn } from '../../workspace/cluster-builtins';
import { referencesOf, type Reference } from '../../workspace/references';
import { stringMap, valueAt } from '../../workspace/pod-template';
import type { Workspace } from '../../workspace/workspace';
import { isGatewayRoute } from '../../workspace/gateway-api';

/** The docs paragraph the dangling/… rules share. */
export const DANGLING_DOCS = [
  'A target one or two edits from a real name is a warning with "did you mean". Pods and Services',
  'that controllers create for custom resources count (the producers table), and so does the',
  '`kubernetes` Service.',
];

/** The messages of the dangling/… rules (the backend rules give notFound, the selector rules noPods). */
export const DANGLING_MESSAGES = {
  notFound: '{kind} "{name}" not found in {where}{hint}',
  noPods: '{path} matches no pod template in {where}{hint}',
} as const;

export type DanglingMessage = keyof typeof DANGLING_MESSAGES;

/** Where a dangling rule looks: a backend or scale target (by reference), or a selector. */
export type BackendKind = 'ingress' | 'route' | 'scale-target';

/** The references of the object that name a target of this kind and point at nothing. */
export function missingBackends(ctx: WorkspaceContext, which: BackendKind): Report<DanglingMessage>[] {
  const { resource, workspace } = ctx;
  if (!workspace) return [];
  const matches = which === 'ingress' ? resource.kind === 'Ingress' && resource.group === 'networking.k8s.io' : which === 'route' ? isGatewayRoute(resource) : resource.kind === 'HorizontalPodAutoscaler' && resource.group === 'autoscaling';
  return matches ? missingTargets(ctx, workspace, namespaceOf(resource)) : [];
}

/** A NetworkPolicy's or PodDisruptionBudget's selector that selects no pod template of its namespace. */
export function unmatchedPodSelector(ctx: WorkspaceContext, kind: 'NetworkPolicy' | 'PodDisruptionBudget'): Report<DanglingMessage>[] {
  const { resource, workspace } = ctx;
  const group = kind === 'NetworkPolicy' ? 'networking.k8s.io' : 'policy';
  if (!workspace || resource.kind !== kind || resource.group !== group) return [];
  const namespace = namespaceOf(resource);
  const path = kind === 'NetworkPolicy' ? ['spec', 'podSelector'] : ['spec', 'selector'];
  const selector = valueAt(resource.value, path);
  // An empty NetworkPolicy podSelector selects every pod of the namespace on purpose.
  if (!selector || typeof selector !== 'object' || Object.keys(selector).length === 0) return [];
  if (workspace.index.podTemplatesIn(namespace).some((p) => selectorMatches(selector, p.template!.labels))) return [];
  const { severity, hint } = unmatchedSelector(workspace, namespace, stringMap((selector as { matchLabels?: unknown }).matchLabels));
  return [{ path, at: 'key', severity, messageId: 'noPods', data: { path: path.join('.'), where: searchedWhere(workspace, namespace), hint } }];
}

function missingTargets(ctx: WorkspaceContext, workspace: Workspace, namespace: string): Report<DanglingMessage>[] {
  const route = isGatewayRoute(ctx.resource);
  return referencesOf(ctx.resource).flatMap((ref): Report<DanglingMessage>[] => {
    const isBackend = ((ctx.resource.kind === 'Ingress' || route) && ref.group === '' && ref.kind === 'Service') || ctx.resource.kind === 'HorizontalPodAutoscaler';
    if (!isBackend) return [];
    // A route's backend may name its namespace (allowed by a ReferenceGrant there: reference-grant).
    const where = route ? (ref.namespace ?? namespace) : namespace;
    if (targets(workspace, ref.group, ref.kind, where, ref.name).length > 0) return [];
    if (workspace.index.isPatched(ref.group, ref.kind, where, ref.name)) return [];
    if (clusterBuiltIn(ref.group, ref.kind, where, ref.name) || isAlbAction(ctx, ref.kind, ref.name)) return [];
    // A scale target no name resembles is usually made by a chart or an operator (information).
    const { severity, hint } = route ? routeBackendVerdict(workspace, ref, where) : unresolved(workspace, ref, where, 'warning', ctx.resource.kind === 'HorizontalPodAutoscaler');
    return [{ path: ref.path, at: 'value', severity, messageId: 'notFound', data: { kind: ref.kind, name: ref.name, where: searchedWhere(workspace, where), hint } }];
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
