import type { Report, WorkspaceContext, Rule } from './rule';
import { formatPath, type FieldPath } from '../model/path';
import { mapSelectorMatches, namespaceOf, targets } from '../workspace/lookup';
import { asArray, asObject, containersOf, podTemplateOf, stringMap, valueAt } from '../workspace/pod-template';
import type { Workspace } from '../workspace/workspace';
import { backendRefsOf, isGatewayRoute } from '../workspace/gateway-api';

export const portReference: Rule = {
  meta: {
    id: 'port-reference',
    severity: 'error',
    scope: 'workspace',
    description: 'A named Service `targetPort`, probe port, Ingress or Gateway API route backend port that no container or Service defines.',
    docs: [
      'Named ports are resolved at run time, so a typo is accepted by the API server and breaks',
      'traffic later: a Service `targetPort: http` needs a container port named `http` in the pods',
      'it selects; a probe `port: metrics` needs that name among its container\'s ports; an Ingress',
      'backend `port.name` or `port.number` must be a port of the Service, and so must a Gateway API',
      'route\'s `backendRefs[].port` (required for a Service backend: the API server refuses a route',
      'without it, which the route\'s schema says too when it is known).',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, workspace } = ctx;
    if (!workspace) return [];
    const isService = resource.kind === 'Service' && resource.group === '';
    const isIngress = resource.kind === 'Ingress' && resource.group === 'networking.k8s.io';
    const isRoute = isGatewayRoute(resource);
    return [...probePorts(ctx), ...(isService ? serviceTargetPorts(ctx, workspace) : []), ...(isIngress ? ingressPorts(ctx, workspace) : []), ...(isRoute ? routePorts(ctx, workspace) : [])];
  },
};

function probePorts(ctx: WorkspaceContext): Report[] {
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

function serviceTargetPorts(ctx: WorkspaceContext, workspace: Workspace): Report[] {
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

function ingressPorts(ctx: WorkspaceContext, workspace: Workspace): Report[] {
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

/** A route's Service backends: the port is required, and must be one of the Service's ports. */
function routePorts(ctx: WorkspaceContext, workspace: Workspace): Report[] {
  const namespace = namespaceOf(ctx.resource);
  // With the route's schema known, its CEL rule "Must have port for Service reference" reports a missing port.
  const schemaKnown = ctx.catalog.entry(ctx.resource.group, ctx.resource.version, ctx.resource.kind) !== undefined;
  return backendRefsOf(ctx.resource).flatMap((ref): Report[] => {
    if (ref.group !== '' || ref.kind !== 'Service') return [];
    if (valueAt(ctx.resource.value, [...ref.path, 'port']) === undefined) return schemaKnown ? [] : [{ path: ref.path, at: 'key', message: `${formatPath(ref.path)}: Invalid value: Must have port for Service reference` }];
    const found = targets(workspace, '', 'Service', ref.namespace ?? namespace, ref.name);
    if (ref.port === undefined || found.length !== 1 || !found[0].servicePorts || found[0].producedBy) return [];
    const ports = found[0].servicePorts;
    if (ports.some((p) => p.port === ref.port)) return [];
    return [{ path: [...ref.path, 'port'], at: 'value', message: `Service "${ref.name}" has no port ${ref.port} (ports: ${describe(ports)})` }];
  });
}

function describe(ports: { name?: string; port?: number }[]): string {
  return ports.map((p) => (p.name ? `${p.name}/${p.port}` : String(p.port))).join(', ') || 'none';
}
