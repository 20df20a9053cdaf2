import type { Report, WorkspaceContext, Rule } from './rule';
import { missingSeverity, targets } from '../workspace/lookup';
import { asArray, asObject, valueAt } from '../workspace/pod-template';
import { backendRefsOf, certificateRefsOf, GATEWAY_GROUP, isGateway, isGatewayRoute, type ObjectRef } from '../workspace/gateway-api';
import type { Workspace } from '../workspace/workspace';
import type { IndexedObject } from '../workspace/indexed-object';
import type { Resource } from '../model/resource';

export const referenceGrant: Rule = {
  meta: {
    id: 'reference-grant',
    severity: 'warning',
    scope: 'workspace',
    description: 'A Gateway API route backend or Gateway certificate in another namespace that no ReferenceGrant of that namespace allows.',
    docs: [
      'A route may send traffic to a Service of another namespace, and a Gateway listener may use a',
      'certificate Secret of another namespace, only when a `ReferenceGrant` in the target\'s',
      'namespace allows it: its `from` lists the referring kind and namespace, its `to` the target',
      'kind (and name, if it gives one). Without one the controller refuses the reference',
      '(`ResolvedRefs: False`, `RefNotPermitted`) and the backend gets no traffic.',
      '',
      'The grant belongs to the target namespace\'s owner and may be kept elsewhere: when the target',
      'itself is not in the workspace either, the finding is information. A referring object without',
      '`metadata.namespace` is not checked (applied with `-n`, it may be in the target\'s namespace).',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, workspace } = ctx;
    if (!workspace || !resource.namespace) return [];
    const refs = isGatewayRoute(resource) ? backendRefsOf(resource) : isGateway(resource) ? certificateRefsOf(resource) : [];
    return refs.flatMap((ref) => (ref.namespace && ref.namespace !== resource.namespace ? checkGrant(workspace, resource, ref, ref.namespace) : []));
  },
};

function checkGrant(workspace: Workspace, from: Resource, ref: ObjectRef, namespace: string): Report[] {
  const grants = workspace.index.ofKind(GATEWAY_GROUP, 'ReferenceGrant', namespace);
  if (grants.some((g) => grantAllows(g, from, ref))) return [];
  // The target's namespace is managed here when the target is: its grants would be too.
  const targetHere = targets(workspace, ref.group, ref.kind, namespace, ref.name).length > 0;
  const severity = targetHere ? missingSeverity(workspace, 'warning') : 'info';
  const why = targetHere ? '' : ' (neither it nor the grant is in the workspace: they may be created outside the repository)';
  return [{
    path: [...ref.path, 'namespace'],
    at: 'value',
    severity,
    message: `no ReferenceGrant in namespace "${namespace}" allows ${from.kind} of namespace "${from.namespace}" to refer to ${ref.kind} "${ref.name}"${why}`,
  }];
}

function grantAllows(grant: IndexedObject, from: Resource, ref: ObjectRef): boolean {
  const spec = grant.resource.value;
  const fromOk = asArray(valueAt(spec, ['spec', 'from'])).some((f) => {
    const entry = asObject(f) ?? {};
    return entry.group === from.group && entry.kind === from.kind && entry.namespace === from.namespace;
  });
  const toOk = asArray(valueAt(spec, ['spec', 'to'])).some((t) => {
    const entry = asObject(t) ?? {};
    return (entry.group ?? '') === ref.group && entry.kind === ref.kind && (entry.name === undefined || entry.name === '' || entry.name === ref.name);
  });
  return fromOk && toOk;
}
