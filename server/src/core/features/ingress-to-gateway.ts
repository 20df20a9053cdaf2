/**
 * "Convert to Gateway API": an Ingress rewritten as a Gateway and HTTPRoutes, the way
 * ingress2gateway translates a plain Ingress. One listener per host (HTTP on 80; HTTPS on 443 with
 * the TLS Secret as certificateRef when a `tls` entry names the host), one HTTPRoute per host with
 * a rule per path (Prefix → PathPrefix, Exact → Exact, ImplementationSpecific → PathPrefix), the
 * default backend as a last rule without matches. Backend port names become the Service's port
 * numbers when the Service is in the workspace (backendRefs take numbers only). cert-manager
 * annotations move to the Gateway (its gateway shim reads them); the other annotations have no
 * Gateway API equivalent and are listed in a comment, as is anything else not translated.
 */
import type { Fix } from '../findings';
import type { Resource } from '../model/resource';
import { resourcesOfFile } from '../model/resource';
import { encodeManifest } from '../../shared/manifest-yaml';
import { asArray, asObject, stringMap, valueAt } from '../workspace/pod-template';
import { namespaceOf, targets } from '../workspace/lookup';
import type { Workspace } from '../workspace/workspace';

type Obj = Record<string, unknown>;

/** Resolves a Service port name to its number, if the Service is known. */
export type PortOfName = (service: string, portName: string) => number | undefined;

export interface GatewayTranslation {
  gateway: Obj;
  routes: Obj[];
  /** What could not be translated, one line each. */
  untranslated: string[];
}

const PATH_TYPES: Readonly<Record<string, string>> = { Prefix: 'PathPrefix', Exact: 'Exact', ImplementationSpecific: 'PathPrefix' };
const DROPPED_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration', 'kubernetes.io/ingress.class']);

export function isIngress(resource: { group: string; kind: string }): boolean {
  return resource.kind === 'Ingress' && (resource.group === 'networking.k8s.io' || resource.group === 'extensions');
}

/** The action for the Ingress at `offset` of a file: its document replaced by the translation. */
export function ingressConversion(workspace: Workspace, uri: string, offset: number): Fix | undefined {
  const file = workspace.file(uri)?.parsed;
  if (!file) return undefined;
  const ingress = resourcesOfFile(file).find((r) => isIngress(r) && r.basePath.length === 0 && r.document.start <= offset && offset <= r.document.end);
  if (!ingress || !ingress.name || !ingress.node.range) return undefined;
  const namespace = namespaceOf(ingress);
  const portOf: PortOfName = (service, portName) => {
    const found = targets(workspace, '', 'Service', namespace, service);
    return found.length === 1 ? found[0].servicePorts?.find((p) => p.name === portName)?.port : undefined;
  };
  const [start, end] = [ingress.node.range[0], ingress.node.range[2]];
  const text = gatewayText(translateIngress(ingress, portOf));
  // The replaced node may end without the line break that closes the document.
  const newText = file.text.slice(start, end).endsWith('\n') ? text : text.replace(/\n$/, '');
  return { title: 'Convert to Gateway API (Gateway and HTTPRoutes)', edits: [{ start, end, newText }] };
}

export function translateIngress(ingress: Resource, portOf: PortOfName): GatewayTranslation {
  const v = ingress.value;
  const name = ingress.name ?? 'ingress';
  const untranslated: string[] = [];
  const annotations = stringMap(valueAt(v, ['metadata', 'annotations']));
  const className = str(valueAt(v, ['spec', 'ingressClassName'])) ?? annotations['kubernetes.io/ingress.class'];
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith('cert-manager.io/')) kept[key] = value;
    else if (!DROPPED_ANNOTATIONS.has(key)) untranslated.push(`annotation ${key}: ${value}`);
  }
  const metadata = (objectName: string, extra: Obj = {}): Obj => ({ name: objectName, ...(ingress.namespace ? { namespace: ingress.namespace } : {}), ...extra });
  const hosts = hostsOf(v);
  const tlsSecret = tlsSecrets(v, untranslated);
  const listeners = hosts.flatMap((host) => listenersFor(host, tlsSecret.get(host) ?? (host !== '' ? tlsSecret.get('') : undefined)));
  if (!className) untranslated.push('no ingress class: set gatewayClassName to the GatewayClass of your controller');
  const gateway: Obj = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: metadata(name, Object.keys(kept).length ? { annotations: kept } : {}),
    spec: { gatewayClassName: className ?? '<gateway-class>', listeners },
  };
  const defaultRule = backendRule(asObject(valueAt(v, ['spec', 'defaultBackend'])), undefined, portOf, untranslated, 'spec.defaultBackend');
  const routes = hosts.map((host) => {
    const rules = pathsOf(v, host).map(({ path, at }) => backendRule(asObject(path.backend), matchOf(path), portOf, untranslated, at)).filter((r): r is Obj => r !== undefined);
    if (defaultRule) rules.push(defaultRule);
    return {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: metadata(`${name}-${nameFromHost(host)}`),
      spec: { parentRefs: [{ name }], ...(host ? { hostnames: [host] } : {}), rules },
    };
  });
  return { gateway, routes, untranslated };
}

/** The YAML of a translation: the comment of what was not translated, then the objects. */
export function gatewayText(t: GatewayTranslation): string {
  const comment = t.untranslated.length ? `# Not translated to Gateway API (no equivalent written):\n${t.untranslated.map((u) => `#   ${u.replace(/\n/g, ' ')}`).join('\n')}\n` : '';
  return comment + [t.gateway, ...t.routes].map((o) => encodeManifest(o)).join('---\n');
}

const str = (x: unknown): string | undefined => (typeof x === 'string' && x !== '' ? x : undefined);

/** Hosts in rule order, then TLS hosts without rules; '' stands for rules without a host. */
function hostsOf(v: Obj): string[] {
  const hosts = asArray(valueAt(v, ['spec', 'rules'])).map((r) => str(asObject(r)?.host) ?? '');
  if (hosts.length === 0 && valueAt(v, ['spec', 'defaultBackend'])) hosts.push('');
  return [...new Set(hosts)];
}

/** TLS Secret by host ('' for a `tls` entry without hosts, which covers every host). */
function tlsSecrets(v: Obj, untranslated: string[]): Map<string, string> {
  const out = new Map<string, string>();
  asArray(valueAt(v, ['spec', 'tls'])).forEach((t, i) => {
    const entry = asObject(t) ?? {};
    const secret = str(entry.secretName);
    if (!secret) return void untranslated.push(`spec.tls[${i}] without secretName (the controller's default certificate)`);
    const hosts = asArray(entry.hosts).filter((h): h is string => typeof h === 'string');
    for (const host of hosts.length ? hosts : ['']) if (!out.has(host)) out.set(host, secret);
  });
  return out;
}

function listenersFor(host: string, secret: string | undefined): Obj[] {
  const base = nameFromHost(host);
  const hostname = host ? { hostname: host } : {};
  const http: Obj = { name: `${base}-http`, protocol: 'HTTP', port: 80, ...hostname };
  if (!secret) return [http];
  return [http, { name: `${base}-https`, protocol: 'HTTPS', port: 443, ...hostname, tls: { mode: 'Terminate', certificateRefs: [{ name: secret }] } }];
}

/** ingress2gateway's names: `shop.example.com` → `shop-example-com`, `*.example.com` → `wildcard-example-com`, no host → `all-hosts`. */
function nameFromHost(host: string): string {
  if (!host) return 'all-hosts';
  return host.replace(/^\*/, 'wildcard').replace(/\./g, '-').toLowerCase();
}

function pathsOf(v: Obj, host: string): { path: Obj; at: string }[] {
  return asArray(valueAt(v, ['spec', 'rules'])).flatMap((r, i) => {
    if ((str(asObject(r)?.host) ?? '') !== host) return [];
    return asArray(valueAt(r, ['http', 'paths'])).map((p, j) => ({ path: asObject(p) ?? {}, at: `spec.rules[${i}].http.paths[${j}]` }));
  });
}

function matchOf(path: Obj): Obj {
  const type = PATH_TYPES[str(path.pathType) ?? 'ImplementationSpecific'] ?? 'PathPrefix';
  return { path: { type, value: str(path.path) ?? '/' } };
}

/** A rule sending the match (none: everything) to the backend's Service; undefined when it cannot be translated. */
function backendRule(backend: Obj | undefined, match: Obj | undefined, portOf: PortOfName, untranslated: string[], at: string): Obj | undefined {
  if (!backend) return undefined;
  const service = asObject(backend.service);
  const name = str(service?.name);
  if (!service || !name) {
    untranslated.push(`${at}: a resource backend (only Service backends are translated)`);
    return undefined;
  }
  const port = asObject(service.port) ?? {};
  const number = typeof port.number === 'number' ? port.number : typeof port.name === 'string' ? portOf(name, port.name) : undefined;
  if (number === undefined) untranslated.push(`${at}: port ${typeof port.name === 'string' ? `"${port.name}"` : '(none)'} of Service "${name}": backendRefs need the Service's port number`);
  const backendRef: Obj = { name, ...(number !== undefined ? { port: number } : {}) };
  return { ...(match ? { matches: [match] } : {}), backendRefs: [backendRef] };
}
