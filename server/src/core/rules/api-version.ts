import type { Report, DocumentContext, Rule } from './rule';
import type { Fix } from '../findings';
import { rangeOfPath, type FieldPath } from '../model/path';
import type { Resource } from '../model/resource';
import { apiVersionStatus } from '../schema/served-versions';
import { compareVersions } from '../schema/schema-store';

/**
 * Served but deprecated from a release on (k8s-rules.md §17): `group/version` or
 * `group/version/Kind` → the release, the release that stops serving it, the replacement.
 */
const DEPRECATED: Record<string, { since: string; unavailableIn?: string; replacement: (kind: string) => string }> = {
  'v1/Endpoints': { since: '1.33', replacement: () => 'discovery.k8s.io/v1 EndpointSlice' },
  'flowcontrol.apiserver.k8s.io/v1beta3': { since: '1.29', unavailableIn: '1.32', replacement: (kind) => `flowcontrol.apiserver.k8s.io/v1 ${kind}` },
};

/** The API server's deprecation warning, when the target release has deprecated the kind's version. */
function deprecationWarning(apiVersion: string, kind: string, target: string): string | undefined {
  const deprecation = DEPRECATED[`${apiVersion}/${kind}`] ?? DEPRECATED[apiVersion];
  if (!deprecation || compareVersions(target, deprecation.since) < 0) return undefined;
  const unavailable = deprecation.unavailableIn ? `, unavailable in v${deprecation.unavailableIn}+` : '';
  return `${apiVersion} ${kind} is deprecated in v${deprecation.since}+${unavailable}; use ${deprecation.replacement(kind)}`;
}

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
      'All of it is judged for the target Kubernetes version (1.30–1.35, see the schema rule): an API',
      'that the target does not serve yet names the release that serves it, one removed before the',
      'target is an error, and one the target still serves but has deprecated is the API server\'s',
      'warning (`flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is deprecated in v1.29+, unavailable',
      'in v1.32+; use flowcontrol.apiserver.k8s.io/v1 FlowSchema` for 1.30 and 1.31, an error from 1.32).',
      'A kind is identified by its group and kind: a group the schemas do not know (a custom resource',
      'such as Knative\'s `serving.knative.dev/v1` Service) is not a misspelt built-in one and is not',
      'this rule\'s business (the schema rule notes that it is not checked). A group is known when it',
      'is built in (no CRD can add kinds to it) or a CRD of the workspace defines the kind in it.',
    ].join('\n'),
  },
  checkResource(ctx: DocumentContext): Report[] {
    const { resource, catalog } = ctx;
    const status = apiVersionStatus(catalog, resource);
    if (status.status === 'served') {
      const deprecated = deprecationWarning(resource.apiVersion, resource.kind, catalog.kubernetesVersion);
      return deprecated ? [{ path: ['apiVersion'], at: 'value', severity: 'warning', message: deprecated }] : [];
    }
    // A group without a schema is the schema rule's information, never a finding here.
    if (status.status === 'no-schema') return [];
    if (status.status === 'unknown-kind') {
      const message = `no matches for kind "${resource.kind}" in version "${resource.apiVersion}"${status.suggestion ? `; did you mean "${status.suggestion}"?` : ''}`;
      return [{ path: ['kind'], at: 'value', message, fixes: replaceFix(resource.node, ['kind'], status.suggestion) }];
    }
    if (status.status === 'not-yet-served') {
      const base = `no matches for kind "${resource.kind}" in version "${resource.apiVersion}" (served from Kubernetes ${status.since}; the target is ${catalog.kubernetesVersion})`;
      const message = status.suggestion ? `${base}; Kubernetes ${catalog.kubernetesVersion} serves it as ${status.served.join(', ')}` : base;
      return [{ path: ['apiVersion'], at: 'value', message, fixes: replaceFix(resource.node, ['apiVersion'], status.suggestion) }];
    }
    if (status.status === 'removed') {
      const message = `${resource.apiVersion} ${resource.kind} was removed in Kubernetes ${status.release}${status.replacement ? `; use ${status.replacement}` : ''}`;
      return [{ path: ['apiVersion'], at: 'value', message, fixes: replaceFix(resource.node, ['apiVersion'], status.replacement || undefined) }];
    }
    const base = `no matches for kind "${resource.kind}" in version "${resource.apiVersion}" (served: ${status.served.join(', ')})`;
    const message = status.suggestion ? `${base}; did you mean "${status.suggestion}"?` : base;
    return [{ path: ['apiVersion'], at: 'value', message, fixes: replaceFix(resource.node, ['apiVersion'], status.suggestion) }];
  },
};

function replaceFix(node: Resource['node'], path: FieldPath, suggestion: string | undefined): Fix[] | undefined {
  const range = rangeOfPath(node, path, 'value');
  return range && suggestion ? [{ title: `Change to ${suggestion}`, preferred: true, edits: [{ start: range[0], end: range[1], newText: suggestion }] }] : undefined;
}
