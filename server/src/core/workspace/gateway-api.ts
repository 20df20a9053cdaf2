/**
 * The Gateway API's links, read from the objects as written (no schema needed): routes attach to
 * Gateways through `parentRefs` and send traffic to `backendRefs`; Gateway listeners name TLS
 * Secrets. Defaults follow the API's documentation: a parentRef's group/kind default to
 * gateway.networking.k8s.io/Gateway, a backendRef's to the core Service, a namespace to the
 * referring object's own.
 */
import type { FieldPath } from '../model/path';
import type { Resource } from '../model/resource';
import { asArray, asObject, valueAt } from './pod-template';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** Route kinds and the listener protocols that accept them by default (allowedRoutes.kinds unset). */
const ROUTE_PROTOCOLS: Readonly<Record<string, readonly string[]>> = {
  HTTPRoute: ['HTTP', 'HTTPS'],
  GRPCRoute: ['HTTP', 'HTTPS'],
  TLSRoute: ['TLS'],
  // A TLS listener terminating TLS may hand the stream to a TCPRoute (extended support).
  TCPRoute: ['TCP', 'TLS'],
  UDPRoute: ['UDP'],
};

/** The protocols the Gateway API defines; others (`example.com/custom`) are an implementation's. */
const CORE_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP']);

export function isGatewayRoute(resource: { group: string; kind: string }): boolean {
  return resource.group === GATEWAY_GROUP && Object.hasOwn(ROUTE_PROTOCOLS, resource.kind);
}

export function isGateway(resource: { group: string; kind: string }): boolean {
  return resource.group === GATEWAY_GROUP && resource.kind === 'Gateway';
}

/** One `group/kind/namespace/name` reference of a Gateway API object, with the path of its entry. */
export interface ObjectRef {
  group: string;
  kind: string;
  name: string;
  /** Written namespace, if any. */
  namespace?: string;
  /** Path of the reference's entry (the map with `name`). */
  path: FieldPath;
  sectionName?: string;
  port?: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function objectRef(entry: unknown, path: FieldPath, defaults: { group: string; kind: string }): ObjectRef | undefined {
  const e = asObject(entry);
  const name = str(e?.name);
  if (!e || !name) return undefined;
  return {
    group: typeof e.group === 'string' ? e.group : defaults.group,
    kind: typeof e.kind === 'string' ? e.kind : defaults.kind,
    name,
    namespace: str(e.namespace),
    path,
    sectionName: str(e.sectionName),
    port: typeof e.port === 'number' ? e.port : undefined,
  };
}

/** A route's `spec.parentRefs`. */
export function parentRefsOf(resource: Resource): ObjectRef[] {
  return asArray(valueAt(resource.value, ['spec', 'parentRefs'])).flatMap((p, i) => objectRef(p, ['spec', 'parentRefs', i], { group: GATEWAY_GROUP, kind: 'Gateway' }) ?? []);
}

/** A route's backends: `rules[].backendRefs[]` and the backends of request-mirror filters. */
export function backendRefsOf(resource: Resource): ObjectRef[] {
  const service = { group: '', kind: 'Service' };
  return asArray(valueAt(resource.value, ['spec', 'rules'])).flatMap((rule, i) => {
    const base: FieldPath = ['spec', 'rules', i];
    const direct = asArray(asObject(rule)?.backendRefs).flatMap((b, j) => objectRef(b, [...base, 'backendRefs', j], service) ?? []);
    const mirrors = asArray(asObject(rule)?.filters).flatMap((f, j) => objectRef(valueAt(f, ['requestMirror', 'backendRef']), [...base, 'filters', j, 'requestMirror', 'backendRef'], service) ?? []);
    return [...direct, ...mirrors];
  });
}

export interface Listener {
  name?: string;
  port?: number;
  protocol?: string;
  hostname?: string;
  /** `allowedRoutes.namespaces.from`: Same (default), All or Selector. */
  from: string;
  namespaceSelector?: unknown;
  /** `allowedRoutes.kinds[].kind` (group gateway.networking.k8s.io), undefined when unset. */
  kinds?: string[];
  path: FieldPath;
}

export function listenersOf(gateway: Resource): Listener[] {
  return asArray(valueAt(gateway.value, ['spec', 'listeners'])).map((l, i) => {
    const listener = asObject(l) ?? {};
    const namespaces = asObject(valueAt(listener, ['allowedRoutes', 'namespaces']));
    const kinds = valueAt(listener, ['allowedRoutes', 'kinds']);
    return {
      name: str(listener.name),
      port: typeof listener.port === 'number' ? listener.port : undefined,
      protocol: str(listener.protocol),
      hostname: str(listener.hostname),
      from: str(namespaces?.from) ?? 'Same',
      namespaceSelector: namespaces?.selector,
      kinds: Array.isArray(kinds)
        ? kinds.flatMap((k) => {
          const kind = asObject(k);
          return kind && str(kind.kind) && (kind.group === undefined || kind.group === GATEWAY_GROUP) ? [kind.kind as string] : [];
        })
        : undefined,
      path: ['spec', 'listeners', i],
    };
  });
}

/** A listener's `tls.certificateRefs` (core Secrets by default). */
export function certificateRefsOf(gateway: Resource): ObjectRef[] {
  return listenersOf(gateway).flatMap((l) =>
    asArray(valueAt(gateway.value, [...l.path, 'tls', 'certificateRefs'])).flatMap((c, j) => objectRef(c, [...l.path, 'tls', 'certificateRefs', j], { group: '', kind: 'Secret' }) ?? []),
  );
}

/**
 * Whether a listener takes routes of this kind by protocol or its `allowedRoutes.kinds`. A
 * protocol the Gateway API does not define is an implementation's: assumed to accept.
 */
export function listenerAcceptsKind(listener: Listener, kind: string): boolean {
  if (listener.kinds) return listener.kinds.length === 0 || listener.kinds.includes(kind);
  if (!listener.protocol || !CORE_PROTOCOLS.has(listener.protocol)) return true;
  return (ROUTE_PROTOCOLS[kind] ?? []).includes(listener.protocol);
}

/**
 * Whether a route hostname and a listener hostname can match the same request: equal, or one a
 * wildcard (`*.example.com`) whose suffix the other ends with (the rule of the HTTPRoute docs).
 */
export function hostnamesIntersect(route: string, listener: string): boolean {
  const r = route.toLowerCase();
  const l = listener.toLowerCase();
  if (r === l) return true;
  const covers = (wildcard: string, other: string) => wildcard.startsWith('*.') && other.endsWith(wildcard.slice(1)) && other.length > wildcard.length - 1;
  return covers(l, r) || covers(r, l) || (l.startsWith('*.') && r.startsWith('*.') && (r.endsWith(l.slice(1)) || l.endsWith(r.slice(1))));
}
