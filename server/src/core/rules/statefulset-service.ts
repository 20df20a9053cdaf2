import type { Report, WorkspaceContext, Rule } from './rule';
import { missingSeverity, namespaceOf, searchedWhere, targets } from '../workspace/lookup';
import { valueAt } from '../workspace/pod-template';

export const statefulsetService: Rule = {
  meta: {
    id: 'statefulset-service',
    severity: 'warning',
    scope: 'workspace',
    description: 'A StatefulSet whose `serviceName` is missing, names no Service, or names one that is not headless.',
    docs: [
      'Each pod of a StatefulSet gets a stable DNS name (`web-0.web.shop.svc`) only through a',
      'headless Service (`clusterIP: None`) named by `spec.serviceName`. Without it, peers cannot find',
      'each other by name (databases, queues, clustered apps).',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, workspace } = ctx;
    if (!workspace || resource.kind !== 'StatefulSet' || resource.group !== 'apps') return [];
    const name = valueAt(resource.value, ['spec', 'serviceName']);
    if (typeof name !== 'string' || name === '') {
      return [{ path: ['spec'], at: 'key', message: 'spec.serviceName is not set: the pods get no stable network identity (name a headless Service)' }];
    }
    const namespace = namespaceOf(resource);
    const found = targets(workspace, '', 'Service', namespace, name);
    if (found.length === 0) {
      return [{ path: ['spec', 'serviceName'], at: 'value', severity: missingSeverity(workspace, 'warning'), message: `Service "${name}" not found in ${searchedWhere(workspace, namespace)}` }];
    }
    // A Service a controller creates (producers.ts) is not written here: its spec is unknown.
    if (found.some((s) => s.producedBy)) return [];
    const headless = found.some((s) => valueAt(s.resource.value, ['spec', 'clusterIP']) === 'None');
    return headless ? [] : [{ path: ['spec', 'serviceName'], at: 'value', message: `Service "${name}" is not headless (set spec.clusterIP: None)` }];
  },
};
