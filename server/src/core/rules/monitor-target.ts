import type { Report, WorkspaceContext, Rule } from './rule';
import { missingSeverity, namespaceOf, searchedWhere, selectorMatches } from '../workspace/lookup';
import { asArray, asObject, valueAt } from '../workspace/pod-template';
import type { IndexedObject } from '../workspace/indexed-object';
import type { Workspace } from '../workspace/workspace';
import type { FieldPath } from '../model/path';
import type { Resource } from '../model/resource';
import type { Severity } from '../findings';

const GROUP = 'monitoring.coreos.com';

/** What each monitor selects and where its endpoints name ports. */
const MONITORS: Readonly<Record<string, { targets: 'Service' | 'pod'; endpoints: string }>> = {
  ServiceMonitor: { targets: 'Service', endpoints: 'endpoints' },
  PodMonitor: { targets: 'pod', endpoints: 'podMetricsEndpoints' },
};

export const monitorTarget: Rule = {
  meta: {
    id: 'monitor-target',
    severity: 'warning',
    scope: 'workspace',
    description: 'A Prometheus operator ServiceMonitor or PodMonitor that selects no Service or pod of the workspace, or scrapes a port name they do not have.',
    docs: [
      'The Prometheus operator turns a ServiceMonitor into scrape targets: the Services its',
      '`selector` matches in the namespaces of `namespaceSelector` (`any: true`, `matchNames`, else',
      'the monitor\'s own namespace), then each `endpoints[].port`, a Service port name. A PodMonitor',
      'does the same with pods and `podMetricsEndpoints[].port`, a container port name. A selector',
      'that matches nothing, or a port name the targets lack, is accepted everywhere and scrapes',
      'nothing: the metrics silently go missing.',
      '',
      'When the namespaces searched hold no Service (no pod template) in the workspace at all, the',
      'targets come from elsewhere (a chart, an operator) and the finding is information. Services',
      'and pods that controllers create (the producers table: Prometheus, CloudNativePG, Strimzi,',
      'Rook…) count as matching, since their labels and ports are only partly known.',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, workspace } = ctx;
    const monitor = resource.group === GROUP && Object.hasOwn(MONITORS, resource.kind) ? MONITORS[resource.kind] : undefined;
    if (!workspace || !monitor) return [];
    const selector = valueAt(resource.value, ['spec', 'selector']);
    if (!asObject(selector)) return [];
    const namespaces = namespacesOf(resource);
    const candidates = candidatesIn(workspace, monitor.targets, namespaces);
    const matched = candidates.filter((o) => selectorMatches(selector, monitor.targets === 'pod' ? o.template!.labels : o.labels));
    const what = monitor.targets === 'pod' ? 'pod template' : 'Service';
    const where = namespaces === 'any' ? searchedWhere(workspace, '') : namespaces.map((n) => searchedWhere(workspace, n)).join(', ');
    // Objects a controller creates have labels and ports this table only partly knows: they may be the targets.
    if (candidates.some((o) => o.producedBy)) return [];
    if (matched.length === 0) {
      const { severity, hint } = noMatch(workspace, namespaces, candidates.length, what);
      return [{ path: ['spec', 'selector'], at: 'key', severity, message: `selector matches no ${what} in ${where}${hint}` }];
    }
    return portReports(resource, monitor, matched);
  },
};

/**
 * Targets in every namespace (`any: true`) may be anywhere in the cluster, and namespaces of which
 * the workspace holds no target at all get theirs from elsewhere: information. Otherwise a warning.
 */
function noMatch(workspace: Workspace, namespaces: string[] | 'any', candidates: number, what: string): { severity: Severity; hint: string } {
  if (namespaces === 'any') return { severity: 'info', hint: ' (namespaceSelector.any: the targets may be in namespaces the workspace does not hold)' };
  if (candidates === 0) return { severity: 'info', hint: ` (no ${what} of ${namespaces.length === 1 ? 'this namespace' : 'these namespaces'} is in the workspace: they may come from elsewhere)` };
  return { severity: missingSeverity(workspace, 'warning'), hint: '' };
}

/** `namespaceSelector`: every namespace, the listed ones, else the monitor's own. */
function namespacesOf(resource: Resource): string[] | 'any' {
  const selector = asObject(valueAt(resource.value, ['spec', 'namespaceSelector']));
  if (selector?.any === true) return 'any';
  const names = asArray(selector?.matchNames).filter((n): n is string => typeof n === 'string' && n !== '');
  return names.length > 0 ? names : [namespaceOf(resource)];
}

function candidatesIn(workspace: Workspace, targets: 'Service' | 'pod', namespaces: string[] | 'any'): IndexedObject[] {
  if (targets === 'pod') {
    return namespaces === 'any' ? [...workspace.index.allPodTemplates()] : namespaces.flatMap((n) => workspace.index.podTemplatesIn(n));
  }
  return namespaces === 'any' ? [...workspace.index.ofKindEverywhere('', 'Service')] : namespaces.flatMap((n) => workspace.index.ofKind('', 'Service', n));
}

/** Each endpoint's named port must be a port of one of the selected targets (when all their ports are known). */
function portReports(resource: Resource, monitor: { targets: 'Service' | 'pod'; endpoints: string }, matched: readonly IndexedObject[]): Report[] {
  const names = new Set(matched.flatMap((o) => (monitor.targets === 'pod' ? o.containerPorts.map((p) => p.name) : (o.servicePorts ?? []).map((p) => p.name))).filter(Boolean));
  const owners = matched.map((o) => o.name).join(', ');
  const what = monitor.targets === 'pod' ? 'pod template' : 'Service';
  const portOf = monitor.targets === 'pod' ? 'a container port' : 'a port';
  return asArray(valueAt(resource.value, ['spec', monitor.endpoints])).flatMap((e, i): Report[] => {
    const port = asObject(e)?.port;
    if (typeof port !== 'string' || names.has(port)) return [];
    const path: FieldPath = ['spec', monitor.endpoints, i, 'port'];
    return [{ path, at: 'value', message: `no ${what} selected by this ${resource.kind} (${owners}) has ${portOf} named "${port}"` }];
  });
}
