import type { Report, ResourceContext, Rule } from './rule';
import { rangeOfPath } from '../model/path';
import { closest } from '../schema/validate';

/** Removed apiVersions (k8s-rules.md §18): group/version → [release that removed it, kinds → replacement]. */
const REMOVED: Record<string, [string, Record<string, string>]> = {
  'extensions/v1beta1': ['1.16', { DaemonSet: 'apps/v1', Deployment: 'apps/v1', ReplicaSet: 'apps/v1', NetworkPolicy: 'networking.k8s.io/v1', Ingress: 'networking.k8s.io/v1', PodSecurityPolicy: 'policy/v1beta1' }],
  'apps/v1beta1': ['1.16', { Deployment: 'apps/v1', StatefulSet: 'apps/v1', ReplicaSet: 'apps/v1' }],
  'apps/v1beta2': ['1.16', { Deployment: 'apps/v1', StatefulSet: 'apps/v1', ReplicaSet: 'apps/v1', DaemonSet: 'apps/v1' }],
  'networking.k8s.io/v1beta1': ['1.22', { Ingress: 'networking.k8s.io/v1', IngressClass: 'networking.k8s.io/v1' }],
  'apiextensions.k8s.io/v1beta1': ['1.22', { CustomResourceDefinition: 'apiextensions.k8s.io/v1' }],
  'admissionregistration.k8s.io/v1beta1': ['1.22', { MutatingWebhookConfiguration: 'admissionregistration.k8s.io/v1', ValidatingWebhookConfiguration: 'admissionregistration.k8s.io/v1' }],
  'apiregistration.k8s.io/v1beta1': ['1.22', { APIService: 'apiregistration.k8s.io/v1' }],
  'rbac.authorization.k8s.io/v1beta1': ['1.22', { Role: 'rbac.authorization.k8s.io/v1', ClusterRole: 'rbac.authorization.k8s.io/v1', RoleBinding: 'rbac.authorization.k8s.io/v1', ClusterRoleBinding: 'rbac.authorization.k8s.io/v1' }],
  'scheduling.k8s.io/v1beta1': ['1.22', { PriorityClass: 'scheduling.k8s.io/v1' }],
  'coordination.k8s.io/v1beta1': ['1.22', { Lease: 'coordination.k8s.io/v1' }],
  'certificates.k8s.io/v1beta1': ['1.22', { CertificateSigningRequest: 'certificates.k8s.io/v1' }],
  'batch/v1beta1': ['1.25', { CronJob: 'batch/v1' }],
  'policy/v1beta1': ['1.25', { PodDisruptionBudget: 'policy/v1', PodSecurityPolicy: '' }],
  'autoscaling/v2beta1': ['1.25', { HorizontalPodAutoscaler: 'autoscaling/v2' }],
  'autoscaling/v2beta2': ['1.26', { HorizontalPodAutoscaler: 'autoscaling/v2' }],
  'discovery.k8s.io/v1beta1': ['1.25', { EndpointSlice: 'discovery.k8s.io/v1' }],
  'events.k8s.io/v1beta1': ['1.25', { Event: 'events.k8s.io/v1' }],
  'node.k8s.io/v1beta1': ['1.25', { RuntimeClass: 'node.k8s.io/v1' }],
  'flowcontrol.apiserver.k8s.io/v1beta3': ['1.32', { FlowSchema: 'flowcontrol.apiserver.k8s.io/v1', PriorityLevelConfiguration: 'flowcontrol.apiserver.k8s.io/v1' }],
};

/** Kinds removed in a later release than the rest of their group/version. */
const REMOVED_LATER: Record<string, string> = { 'extensions/v1beta1/Ingress': '1.22', 'extensions/v1beta1/PodSecurityPolicy': '1.25' };

/** Served but deprecated: warn with the replacement. */
const DEPRECATED: Record<string, Record<string, string>> = {
  v1: { Endpoints: 'discovery.k8s.io/v1 EndpointSlice' },
};

export const apiVersion: Rule = {
  meta: {
    id: 'api-version',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    fixable: true,
    description: 'Unknown group/version for a known kind (with a suggestion), removed APIs (error) and deprecated ones (warning).',
    docs: [
      'A kind under an apiVersion the cluster does not serve fails with `no matches for kind`.',
      'Typos get a suggestion and a quick fix (`Apps/v1` → `apps/v1`); versions removed from',
      'Kubernetes name the release that removed them and the replacement; deprecated versions warn.',
      'Kinds the schemas do not know at all (custom resources) are not this rule\'s business.',
      '',
      '```yaml',
      'apiVersion: extensions/v1beta1   # removed in 1.16: use apps/v1',
      'kind: Deployment',
      '```',
    ].join('\n'),
  },
  checkResource(ctx: ResourceContext): Report[] {
    const { resource, catalog } = ctx;
    const deprecated = DEPRECATED[resource.apiVersion]?.[resource.kind];
    if (catalog.entry(resource.group, resource.version, resource.kind)) {
      return deprecated ? [{ path: ['apiVersion'], at: 'value', severity: 'warning', message: `${resource.apiVersion} ${resource.kind} is deprecated; use ${deprecated}` }] : [];
    }
    const removed = REMOVED[resource.apiVersion]?.[1][resource.kind] !== undefined ? REMOVED[resource.apiVersion] : undefined;
    const known = catalog.entriesForKind(resource.kind);
    if (known.length === 0 && !removed) return unknownKindInBuiltinGroup(ctx);
    const served = known.map((e) => (e.group ? `${e.group}/${e.version}` : e.version));
    const replacement = removed?.[1][resource.kind] || preferred(served);
    const base = removed
      ? `${resource.apiVersion} ${resource.kind} was removed in Kubernetes ${REMOVED_LATER[`${resource.apiVersion}/${resource.kind}`] ?? removed[0]}${replacement ? `; use ${replacement}` : ''}`
      : `no matches for kind "${resource.kind}" in version "${resource.apiVersion}" (served: ${served.join(', ')})`;
    const suggestion = removed ? replacement : (served.find((s) => s.toLowerCase() === resource.apiVersion.toLowerCase()) ?? closest(resource.apiVersion, served) ?? preferred(served));
    const range = rangeOfPath(resource.node, ['apiVersion'], 'value');
    const message = !removed && suggestion ? `${base}; did you mean "${suggestion}"?` : base;
    return [{ path: ['apiVersion'], at: 'value', message, fixes: range && suggestion ? [{ title: `Change to ${suggestion}`, preferred: true, edits: [{ start: range[0], end: range[1], newText: suggestion }] }] : undefined }];
  },
};

/** The stable version when there is one (v1 over v1beta1 over v1alpha1). */
function preferred(served: string[]): string {
  const rank = (v: string) => (/alpha/.test(v) ? 2 : /beta/.test(v) ? 1 : 0);
  return [...served].sort((a, b) => rank(a) - rank(b))[0];
}

/**
 * No CRD can add a kind to a built-in group/version (`v1`, `apps/v1`, …), so an unknown kind there
 * is certainly a mistake (`kind: configmap`), unlike an unknown kind of an unknown group.
 */
function unknownKindInBuiltinGroup(ctx: ResourceContext): Report[] {
  const { resource, catalog } = ctx;
  const siblings = catalog.allEntries().filter((e) => e.source === 'builtin' && e.group === resource.group && e.version === resource.version);
  if (siblings.length === 0) return [];
  const kinds = siblings.map((e) => e.kind);
  const suggestion = kinds.find((k) => k.toLowerCase() === resource.kind.toLowerCase()) ?? closest(resource.kind, kinds);
  const range = rangeOfPath(resource.node, ['kind'], 'value');
  return [
    {
      path: ['kind'],
      at: 'value',
      message: `no matches for kind "${resource.kind}" in version "${resource.apiVersion}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      fixes: range && suggestion ? [{ title: `Change to ${suggestion}`, preferred: true, edits: [{ start: range[0], end: range[1], newText: suggestion }] }] : undefined,
    },
  ];
}
