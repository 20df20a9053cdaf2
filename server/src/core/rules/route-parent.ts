import type { Report, WorkspaceContext, Rule } from './rule';
import { namespaceOf, searchedWhere, selectorMatches, targets, unresolved } from '../workspace/lookup';
import { GATEWAY_GROUP, hostnamesIntersect, isGatewayRoute, listenerAcceptsKind, listenersOf, parentRefsOf, type Listener, type ObjectRef } from '../workspace/gateway-api';
import { asArray, valueAt } from '../workspace/pod-template';
import type { Workspace } from '../workspace/workspace';
import type { Resource } from '../model/resource';

export const routeParent: Rule = {
  meta: {
    id: 'route-parent',
    severity: 'warning',
    scope: 'workspace',
    description: 'A Gateway API route whose parentRef names no Gateway, no listener of it (sectionName, port), or only listeners that refuse the route (kind, namespace, hostname).',
    docs: [
      'An HTTPRoute, GRPCRoute, TLSRoute, TCPRoute or UDPRoute attaches to the Gateways its',
      '`parentRefs` name. The API server accepts any name; the Gateway controller then leaves the',
      'route unattached (`Accepted: False`, `NoMatchingParent`, `NotAllowedByListeners`,',
      '`NoMatchingListenerHostname`) and no request reaches it. This rule checks each parentRef of',
      'kind Gateway against the Gateways of the workspace (namespace: the one the parentRef names,',
      'else the route\'s):',
      '',
      '- the Gateway exists. Gateways are often shared and managed apart from the routes (another',
      '  repository, a platform team), so one that nothing resembles is information; a near name or',
      '  the same name in another namespace is a warning;',
      '- `sectionName` is the name of one of its listeners, `port` the port of one;',
      '- a listener left accepts the route: its kind (`allowedRoutes.kinds`, else the protocol:',
      '  HTTP and HTTPS take HTTPRoute and GRPCRoute, TLS takes TLSRoute and TCPRoute, TCP TCPRoute, UDP',
      '  UDPRoute) and its namespace (`allowedRoutes.namespaces.from`: `Same`, the default, takes',
      '  routes of the Gateway\'s namespace only; `Selector` is checked when the route\'s Namespace is',
      '  in the workspace);',
      '- one of the route\'s `hostnames` matches the hostname of such a listener (`*.example.com`',
      '  matches `shop.example.com`), when both have hostnames.',
      '',
      'Several Gateways of the same name (examples kept side by side) count together: a route is',
      'reported only when none of them would take it; a Gateway that a Kustomize patch of the',
      'workspace patches may get other listeners, and is not judged.',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, workspace } = ctx;
    if (!workspace || !isGatewayRoute(resource)) return [];
    const namespace = namespaceOf(resource);
    return parentRefsOf(resource).flatMap((ref) => (ref.group === GATEWAY_GROUP && ref.kind === 'Gateway' ? checkParent(workspace, resource, namespace, ref) : []));
  },
};

function checkParent(workspace: Workspace, route: Resource, routeNamespace: string, ref: ObjectRef): Report[] {
  const namespace = ref.namespace ?? routeNamespace;
  const gateways = targets(workspace, GATEWAY_GROUP, 'Gateway', namespace, ref.name);
  if (gateways.length === 0) {
    if (workspace.index.isPatched(GATEWAY_GROUP, 'Gateway', namespace, ref.name)) return [];
    const { severity, hint } = unresolved(workspace, ref, namespace, 'warning', true);
    return [{ path: [...ref.path, 'name'], at: 'value', severity, message: `Gateway "${ref.name}" not found in ${searchedWhere(workspace, namespace)}${hint}` }];
  }
  // A Kustomize patch of the Gateway may add or change listeners: they cannot be told.
  if (workspace.index.isPatched(GATEWAY_GROUP, 'Gateway', namespace, ref.name)) return [];
  const all = gateways.flatMap((g) => listenersOf(g.resource));
  const named = ref.sectionName ? all.filter((l) => l.name === ref.sectionName) : all;
  if (named.length === 0) return [{ path: [...ref.path, 'sectionName'], at: 'value', message: `Gateway "${ref.name}" has no listener named "${ref.sectionName}" (listeners: ${listNames(all)})` }];
  const onPort = ref.port === undefined ? named : named.filter((l) => l.port === ref.port);
  if (onPort.length === 0) return [{ path: [...ref.path, 'port'], at: 'value', message: `Gateway "${ref.name}" has no listener${ref.sectionName ? ` "${ref.sectionName}"` : ''} on port ${ref.port} (listeners: ${listNames(named)})` }];
  const ofKind = onPort.filter((l) => listenerAcceptsKind(l, route.kind));
  if (ofKind.length === 0) return [{ path: [...ref.path, 'name'], at: 'value', message: `no listener of Gateway "${ref.name}" accepts kind ${route.kind} (${onPort.map(describeKinds).join('; ')})` }];
  // A route without metadata.namespace goes where `kubectl apply -n` puts it: its namespace is unknown.
  const allowed = route.namespace ? ofKind.filter((l) => allowsNamespace(workspace, l, namespace, routeNamespace)) : ofKind;
  if (allowed.length === 0) return [{ path: [...ref.path, 'name'], at: 'value', message: `no listener of Gateway "${ref.name}" allows routes from namespace "${routeNamespace}" (${ofKind.map(describeNamespaces).join('; ')})` }];
  return hostnameReport(route, ref, allowed);
}

/** Whether a listener takes routes of the route's namespace; a Selector on a Namespace not in the workspace cannot be told. */
function allowsNamespace(workspace: Workspace, listener: Listener, gatewayNamespace: string, routeNamespace: string): boolean {
  if (listener.from === 'All') return true;
  if (listener.from === 'Same') return gatewayNamespace === routeNamespace;
  if (listener.from !== 'Selector') return true;
  const namespaces = workspace.index.find('', 'Namespace', '', routeNamespace);
  if (namespaces.length === 0) return true;
  // The namespace controller labels every Namespace with its name.
  return namespaces.some((n) => selectorMatches(listener.namespaceSelector, { 'kubernetes.io/metadata.name': routeNamespace, ...n.labels }));
}

function hostnameReport(route: Resource, ref: ObjectRef, listeners: readonly Listener[]): Report[] {
  const hostnames = asArray(valueAt(route.value, ['spec', 'hostnames'])).filter((h): h is string => typeof h === 'string' && h !== '');
  // A listener without hostname takes every hostname.
  if (hostnames.length === 0 || listeners.some((l) => !l.hostname)) return [];
  if (listeners.some((l) => hostnames.some((h) => hostnamesIntersect(h, l.hostname!)))) return [];
  const theirs = [...new Set(listeners.map((l) => l.hostname))].join(', ');
  return [{ path: ['spec', 'hostnames'], at: 'key', message: `no hostname of this route matches a listener of Gateway "${ref.name}" it may attach to (listener hostnames: ${theirs})` }];
}

function listNames(listeners: readonly Listener[]): string {
  return listeners.map((l) => `${l.name ?? '?'}${l.port !== undefined ? `/${l.port}` : ''}`).join(', ') || 'none';
}

function describeKinds(l: Listener): string {
  return l.kinds ? `"${l.name ?? '?'}" allows ${l.kinds.join(', ')}` : `"${l.name ?? '?'}" is ${l.protocol}`;
}

function describeNamespaces(l: Listener): string {
  return `"${l.name ?? '?'}": allowedRoutes.namespaces.from ${l.from}${l.from === 'Same' ? ' (the default)' : ''}`;
}
