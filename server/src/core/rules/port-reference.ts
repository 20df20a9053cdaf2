import type { Report, ResourceContext, Rule } from './rule';
import { formatPath, type FieldPath } from '../model/path';
import { mapSelectorMatches, namespaceOf, targets } from '../workspace/lookup';
import { asArray, asObject, containersOf, podTemplateOf, stringMap, valueAt } from '../workspace/pod-template';
import type { Workspace } from '../workspace/workspace';

export const portReference: Rule = {
  meta: {
    id: 'port-reference',
    severity: 'error',
    scope: 'workspace',
    description: 'A named Service `targetPort`, probe port or Ingress backend port that no container or Service defines.',
    docs: [
      'Named ports are resolved at run time, so a typo is accepted by the API server and breaks',
      'traffic later: a Service `targetPort: http` needs a container port named `http` in the pods',
      'it selects; a probe `port: metrics` needs that name among its container\'s ports; an Ingress',
      'backend `port.name` or `port.number` must be a port of the Service.',
      '',
      '```yaml',
      'kind: Service',
      'spec:',
      '  ports:',
      '    - port: 80',
      '      targetPort: htp   # no container of the selected pods has a port named "htp"',
      '```',
    ].join('\n'),
  },
  checkResource(ctx: ResourceContext): Report[] {
    const { resource, workspace } = ctx;
    if (!workspace) return [];
    const isService = resource.kind === 'Service' && resource.group === '';
    const isIngress = resource.kind === 'Ingress' && resource.group === 'networking.k8s.io';
    return [...probePorts(ctx), ...(isService ? serviceTargetPorts(ctx, workspace) : []), ...(isIngress ? ingressPorts(ctx, workspace) : [])];
  },
};

function probePorts(ctx: ResourceContext): Report[] {
  const template = podTemplateOf(ctx.resource);
  if (!template) return [];
  return containersOf(template).flatMap(({ container, path }) => {
    const names = new Set(asArray(container.ports).map((p) => asObject(p)?.name).filter((n): n is string => typeof n === 'string'));
    return ['livenessProbe', 'readinessProbe', 'startupProbe'].flatMap((probe) =>
      ['httpGet', 'tcpSocket'].flatMap((handler): Report[] => {
        const port = valueAt(container, [probe, handler, 'port']);
        if (typeof port !== 'string' || names.has(port)) return [];
        const at: FieldPath = [...path, probe, handler, 'port'];
        return [{ path: at, at: 'value', message: `${formatPath(at)}: port name "${port}" is not defined in this container's ports` }];
      }),
    );
  });
}

function serviceTargetPorts(ctx: ResourceContext, workspace: Workspace): Report[] {
  const selector = stringMap(valueAt(ctx.resource.value, ['spec', 'selector']));
  const pods = workspace.index.podTemplatesIn(namespaceOf(ctx.resource)).filter((p) => mapSelectorMatches(selector, p.template!.labels));
  // Pods a controller runs (producers.ts) have ports this table does not know.
  if (pods.length === 0 || pods.some((p) => p.producedBy)) return [];
  const names = new Set(pods.flatMap((p) => p.containerPorts.map((c) => c.name)).filter(Boolean));
  return asArray(valueAt(ctx.resource.value, ['spec', 'ports'])).flatMap((p, i): Report[] => {
    const target = asObject(p)?.targetPort;
    if (typeof target !== 'string' || names.has(target)) return [];
    const owners = pods.map((o) => `${o.kind} ${o.name}`).join(', ');
    return [{ path: ['spec', 'ports', i, 'targetPort'], at: 'value', message: `spec.ports[${i}].targetPort: no container of the selected pods (${owners}) has a port named "${target}"` }];
  });
}

function ingressPorts(ctx: ResourceContext, workspace: Workspace): Report[] {
  const namespace = namespaceOf(ctx.resource);
  const backends: FieldPath[] = [['spec', 'defaultBackend']];
  asArray(valueAt(ctx.resource.value, ['spec', 'rules'])).forEach((r, i) =>
    asArray(valueAt(r, ['http', 'paths'])).forEach((_p, j) => backends.push(['spec', 'rules', i, 'http', 'paths', j, 'backend'])),
  );
  return backends.flatMap((backend): Report[] => {
    const service = asObject(valueAt(ctx.resource.value, [...backend, 'service']));
    if (!service || typeof service.name !== 'string') return [];
    const found = targets(workspace, '', 'Service', namespace, service.name);
    if (found.length !== 1 || !found[0].servicePorts) return [];
    const ports = found[0].servicePorts;
    const port = asObject(service.port) ?? {};
    // `use-annotation`: the AWS Load Balancer Controller takes the action from an annotation.
    if (typeof port.name === 'string' && port.name !== 'use-annotation' && !ports.some((p) => p.name === port.name)) {
      return [{ path: [...backend, 'service', 'port', 'name'], at: 'value', message: `Service "${service.name}" has no port named "${port.name}" (ports: ${describe(ports)})` }];
    }
    if (typeof port.number === 'number' && !ports.some((p) => p.port === port.number)) {
      return [{ path: [...backend, 'service', 'port', 'number'], at: 'value', message: `Service "${service.name}" has no port ${port.number} (ports: ${describe(ports)})` }];
    }
    return [];
  });
}

function describe(ports: { name?: string; port?: number }[]): string {
  return ports.map((p) => (p.name ? `${p.name}/${p.port}` : String(p.port))).join(', ') || 'none';
}
