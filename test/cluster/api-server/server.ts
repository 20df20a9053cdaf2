// A Kubernetes API test server on 127.0.0.1: discovery, OpenAPI v3, list (paged, selectors,
// Table), get, watch, create, update, patch (merge, strategic, server-side apply), dry run,
// delete, scale, pod logs (follow), events, SelfSubjectAccessReview, exec and port-forward over
// WebSocket (streams.ts), and fault modes (401, 403, 500, slow). Tests start it; kubectl and @kubernetes/client-node talk to it as to a real cluster.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import { immutableChanges } from '../../../server/src/core/immutable/checks';
import { applyDefaults } from './defaults';
import { mergePatch, recordUpdate, serverSideApply, strategicMerge } from './merge';
import { openapiDocument, openapiIndex } from './openapi';
import { crdDocuments, documentHash } from './crd-openapi';
import { apiVersionOf, findType, groupList, resourceList, typeOfKind, type ResourceType } from './resources';
import { matchesFields, matchesLabels } from './selectors';
import { alreadyExists, failure, forbidden, invalid, notFound, unauthorized, type StatusBody } from './status';
import { ObjectStore, type Obj } from './store';
import { handleUpgrade, type PortHandler, type RecordedExec } from './streams';
import { table } from './tables';
import { validateObject } from './validate';

export interface RecordedRequest { method: string; path: string; query: URLSearchParams; contentType: string; body: string; authorization: string; certificateUser?: string }
export interface KubeconfigContext { name: string; namespace?: string; token?: string; server?: string; exec?: { command: string; args: string[] } }
export interface Fault { status?: 401 | 403 | 500; delayMs?: number; match?: RegExp }
type Target = { type: ResourceType; namespace?: string; name?: string; sub?: string };
type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete';

export const TEST_USER = 'kubesight-test';

export class KubeApiTestServer {
  readonly store = new ObjectStore();
  readonly requests: RecordedRequest[] = [];
  /** Bearer token every request must carry; undefined accepts anonymous requests. */
  token: string | undefined;
  fault: Fault | undefined;
  /** Requests being answered now, and the most at once (set it to 0 to measure from now on). */
  inFlight = 0;
  maxInFlight = 0;
  /** Return true to answer 403 Forbidden for this verb on this resource. */
  forbid: (verb: Verb, type: ResourceType, namespace?: string) => boolean = () => false;
  readonly logs = new Map<string, string[]>();
  /** When a line was logged (`key#index`); lines set directly on `logs` count as logged long ago. */
  private readonly logTimes = new Map<string, number>();
  /** What `/version` answers (`v1.35.0`, like the real API server's gitVersion). */
  gitVersion = 'v1.35.0';
  /** CustomResourceDefinitions whose schemas `/openapi/v3` serves (crd-openapi.ts). */
  readonly crds: Record<string, any>[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Every exec the server started (command, container, TTY, protocol, exit code once known). */
  readonly execs: RecordedExec[] = [];
  readonly portForwards: { namespace: string; pod: string; ports: number[] }[] = [];
  /** What listens on a pod's port; undefined falls back to an echo on declared container ports. */
  portHandler: (pod: Obj, port: number) => PortHandler | undefined = () => undefined;
  private readonly followers = new Map<string, Set<ServerResponse>>();
  private readonly open = new Set<ServerResponse>();
  private readonly upgraded = new Set<Duplex>();
  private nextIP = 10;
  private constructor(private readonly server: Server, readonly url: string) {}

  /**
   * Plain HTTP by default; with `tls` an HTTPS server that also accepts client certificates
   * signed by `tls.ca` (the certificate's CN is the user, as with the real API server).
   */
  static async start(tls?: { key: string; cert: string; ca: string }): Promise<KubeApiTestServer> {
    const server = tls ? createTlsServer({ key: tls.key, cert: tls.cert, ca: tls.ca, requestCert: true, rejectUnauthorized: false }) : createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const self = new KubeApiTestServer(server, `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => void self.handle(req, res));
    server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
      self.upgraded.add(socket);
      socket.on('close', () => self.upgraded.delete(socket));
      socket.on('error', () => socket.destroy());
      handleUpgrade(self, req, socket);
    });
    return self;
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    for (const socket of this.upgraded) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A kubeconfig (YAML) with one context per entry, all pointing at this server unless told. */
  kubeconfig(contexts: KubeconfigContext[] = [{ name: 'test', namespace: 'demo' }], current = contexts[0]?.name): string {
    const lines = ['apiVersion: v1', 'kind: Config', `current-context: ${current}`, 'clusters:'];
    for (const c of contexts) {
      const server = c.server ?? this.url;
      lines.push(`- name: ${c.name}`, '  cluster:', `    server: ${server}`, ...(server.startsWith('http:') ? ['    insecure-skip-tls-verify: true'] : []));
    }
    lines.push('users:');
    for (const c of contexts) {
      lines.push(`- name: ${c.name}`, '  user:');
      if (c.token) lines.push(`    token: ${c.token}`);
      else if (c.exec) lines.push('    exec:', '      apiVersion: client.authentication.k8s.io/v1', `      command: ${JSON.stringify(c.exec.command)}`, `      args: ${JSON.stringify(c.exec.args)}`, '      interactiveMode: Never');
      else lines.push('    {}');
    }
    lines.push('contexts:');
    for (const c of contexts) lines.push(`- name: ${c.name}`, '  context:', `    cluster: ${c.name}`, `    user: ${c.name}`, ...(c.namespace ? [`    namespace: ${c.namespace}`] : []));
    return `${lines.join('\n')}\n`;
  }

  /** Adds an object as if created long ago, with the API server's defaults. */
  seed(object: Obj): Obj {
    const t = typeOfKind(object.apiVersion, object.kind);
    if (!t) throw new Error(`seed: unknown kind ${object.apiVersion} ${object.kind}`);
    return this.store.create(t, applyDefaults(object, () => this.allocateIP()));
  }

  appendLog(namespace: string, pod: string, container: string, line: string, at = new Date()): void {
    const key = `${namespace}/${pod}/${container}`;
    this.logs.set(key, [...(this.logs.get(key) ?? []), line]);
    this.logTimes.set(`${key}#${this.logs.get(key)!.length - 1}`, at.getTime());
    for (const res of this.followers.get(key) ?? []) res.write(`${line}\n`);
  }

  /** Records an Event about an object, as a controller or the kubelet would (seen by list and watch). */
  recordEvent(involved: { kind: string; name: string; namespace: string }, type: 'Normal' | 'Warning', reason: string, message: string, count = 1): Obj {
    const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    const name = `${involved.name}.${Date.now().toString(16)}${Math.random().toString(16).slice(2, 6)}`;
    return this.seed({ apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: involved.namespace, creationTimestamp: now }, involvedObject: involved, type, reason, message, count, firstTimestamp: now, lastTimestamp: now, source: { component: 'kubelet' } });
  }

  /** Requests that changed (or would change) state: POST, PUT, PATCH, DELETE. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    res.once('close', () => this.inFlight--);
    const url = new URL(req.url ?? '/', this.url);
    const body = await readBody(req);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, contentType: String(req.headers['content-type'] ?? ''), body, authorization: String(req.headers.authorization ?? ''), certificateUser: this.certificateUser(req) });
    try {
      const fault = this.fault && (!this.fault.match || this.fault.match.test(url.pathname)) ? this.fault : undefined;
      if (fault?.delayMs) await delay(fault.delayMs, res);
      if (res.destroyed) return;
      if (this.token !== undefined && req.headers.authorization !== `Bearer ${this.token}` && !this.certificateUser(req)) return send(res, 401, unauthorized());
      if (fault?.status === 401) return send(res, 401, unauthorized());
      if (fault?.status === 500) return send(res, 500, failure(500, 'InternalError', 'Internal error occurred: etcdserver: request timed out'));
      await this.route(req, res, url, body, fault?.status === 403);
    } catch (e) {
      send(res, 400, failure(400, 'BadRequest', (e as Error).message));
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL, body: string, denyAll: boolean): Promise<void> {
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/version') {
      const [major, minor] = this.gitVersion.replace(/^v/, '').split('.');
      return send(res, 200, { major, minor, gitVersion: this.gitVersion, platform: 'linux/amd64' });
    }
    if (path === '/api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: new URL(this.url).host }] });
    if (path === '/apis') return send(res, 200, groupList());
    const crdDocs = crdDocuments(this.crds);
    if (path === '/openapi/v3') {
      const index = openapiIndex() as { paths: Record<string, object> };
      for (const [p, doc] of crdDocs) index.paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${documentHash(doc)}` };
      return send(res, 200, index);
    }
    if (path.startsWith('/openapi/v3/')) {
      const crdDoc = crdDocs.get(path.slice('/openapi/v3/'.length));
      if (crdDoc) return send(res, 200, crdDoc);
      const doc = openapiDocument(path.slice('/openapi/v3/'.length));
      return doc ? sendRaw(res, 200, doc) : send(res, 404, failure(404, 'NotFound', 'the server could not find the requested resource'));
    }
    const m = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/(.*))?$/.exec(path);
    if (!m) return send(res, 404, failure(404, 'NotFound', 'the server could not find the requested resource'));
    const [group, version] = m[1] ? ['', m[1]] : [m[2], m[3]];
    if (!m[4]) {
      const list = resourceList(group, version);
      return list ? send(res, 200, list) : send(res, 404, failure(404, 'NotFound', 'the server could not find the requested resource'));
    }
    const target = parseTarget(group, version, m[4].split('/'));
    if (!target) return send(res, 404, failure(404, 'NotFound', 'the server could not find the requested resource'));
    const verb = verbOf(req.method ?? 'GET', target, url.searchParams);
    if (denyAll || this.forbid(verb, target.type, target.namespace)) return send(res, 403, forbidden(TEST_USER, verb, target.type, target.namespace, target.name));
    if (target.type.kind === 'SelfSubjectAccessReview') return this.accessReview(res, JSON.parse(body));
    if (target.sub === 'log') return this.podLog(res, target, url.searchParams);
    switch (verb) {
      case 'list':
        return this.list(req, res, target, url.searchParams);
      case 'watch':
        return this.watch(res, target, url.searchParams);
      case 'get':
        return this.get(res, target);
      case 'create':
        return this.create(res, target, parseBody(body), url.searchParams);
      case 'update':
        return this.update(res, target, parseBody(body), url.searchParams, 'Update');
      case 'patch':
        return this.patch(req, res, target, body, url.searchParams);
      case 'delete':
        return this.remove(res, target, url.searchParams);
    }
  }

  private list(req: IncomingMessage, res: ServerResponse, target: Target, q: URLSearchParams): void {
    const all = this.store.list(target.type, target.namespace).filter((o) => matchesLabels(q.get('labelSelector'), o.metadata.labels) && matchesFields(q.get('fieldSelector'), o));
    const offset = q.get('continue') ? Number(JSON.parse(Buffer.from(q.get('continue')!, 'base64').toString()).offset) : 0;
    const limit = Number(q.get('limit') ?? 0);
    const items = limit > 0 ? all.slice(offset, offset + limit) : all.slice(offset);
    const rest = all.length - offset - items.length;
    const metadata = { resourceVersion: this.store.resourceVersion, ...(rest > 0 ? { continue: Buffer.from(JSON.stringify({ offset: offset + items.length })).toString('base64'), remainingItemCount: rest } : {}) };
    if (String(req.headers.accept ?? '').includes('as=Table')) return send(res, 200, table(target.type, items, metadata));
    send(res, 200, { kind: `${target.type.kind}List`, apiVersion: apiVersionOf(target.type), metadata, items });
  }

  private watch(res: ServerResponse, target: Target, q: URLSearchParams): void {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    this.open.add(res);
    const write = (e: { type: string; object: Obj }) => {
      if (matchesLabels(q.get('labelSelector'), e.object.metadata.labels) && matchesFields(q.get('fieldSelector'), e.object)) res.write(`${JSON.stringify(e)}\n`);
    };
    if (!q.get('resourceVersion')) for (const object of this.store.list(target.type, target.namespace)) write({ type: 'ADDED', object });
    const stop = this.store.watch(target.type, target.namespace, write);
    const timeout = Number(q.get('timeoutSeconds') ?? 0);
    const timer = timeout > 0 ? setTimeout(() => res.end(), timeout * 1000) : undefined;
    res.on('close', () => {
      stop();
      clearTimeout(timer);
      this.open.delete(res);
    });
  }

  private get(res: ServerResponse, target: Target): void {
    const object = this.store.get(target.type, target.namespace, target.name!);
    if (!object) return send(res, 404, notFound(target.type, target.name!));
    if (target.sub === 'scale') return send(res, 200, scaleOf(object));
    send(res, 200, object);
  }

  private create(res: ServerResponse, target: Target, object: Obj, q: URLSearchParams): void {
    const name = object.metadata?.name ?? (object.metadata?.generateName ? `${object.metadata.generateName}${Math.random().toString(36).slice(2, 7)}` : undefined);
    if (!name) return send(res, 422, invalid(target.type.kind, target.type.group, '', [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }]));
    const namespace = target.type.namespaced ? target.namespace ?? object.metadata?.namespace ?? 'default' : undefined;
    if (this.store.get(target.type, namespace, name)) return send(res, 409, alreadyExists(target.type, name));
    const nsType = findType('', 'v1', 'namespaces')!;
    if (namespace && !this.store.get(nsType, undefined, namespace)) return send(res, 404, notFound(nsType, namespace));
    const prepared = recordUpdate(applyDefaults({ ...object, apiVersion: apiVersionOf(target.type), kind: target.type.kind, metadata: { ...object.metadata, name, namespace } }, () => this.allocateIP()), object, q.get('fieldManager') ?? 'kubectl-create');
    const causes = validateObject(prepared);
    if (causes.length) return send(res, 422, invalid(target.type.kind, target.type.group, name, causes));
    send(res, 201, this.store.create(target.type, prepared, q.get('dryRun') === 'All'));
  }

  private update(res: ServerResponse, target: Target, object: Obj, q: URLSearchParams, operation: 'Update' | 'Apply'): void {
    const live = this.store.get(target.type, target.namespace, target.name!);
    if (!live) return send(res, 404, notFound(target.type, target.name!));
    if (target.sub === 'scale') object = { ...live, spec: { ...live.spec, replicas: object.spec?.replicas } };
    const rv = object.metadata?.resourceVersion;
    if (operation === 'Update' && rv && rv !== live.metadata.resourceVersion) {
      return send(res, 409, failure(409, 'Conflict', `Operation cannot be fulfilled on ${target.type.plural} "${target.name}": the object has been modified; please apply your changes to the latest version and try again`));
    }
    const next = applyDefaults({ ...object, status: live.status, metadata: { ...object.metadata, name: live.metadata.name, namespace: live.metadata.namespace } }, () => live.spec?.clusterIP ?? this.allocateIP());
    const causes = validateObject(next);
    if (causes.length) return send(res, 422, invalid(target.type.kind, target.type.group, target.name!, causes));
    const changes = immutableChanges(target.type.group, target.type.kind, live, next);
    if (changes.length) return send(res, 422, invalid(target.type.kind, target.type.group, target.name!, changes.map((c) => ({ field: c.message.slice(0, c.message.indexOf(': ')), message: c.message.slice(c.message.indexOf(': ') + 2) }))));
    const stored = this.store.replace(target.type, next, q.get('dryRun') === 'All');
    send(res, 200, target.sub === 'scale' ? scaleOf(stored) : stored);
  }

  private patch(req: IncomingMessage, res: ServerResponse, target: Target, body: string, q: URLSearchParams): void {
    const type = String(req.headers['content-type'] ?? '').split(';')[0];
    const live = this.store.get(target.type, target.namespace, target.name!);
    if (type === 'application/apply-patch+yaml') {
      const manager = q.get('fieldManager');
      if (!manager) return send(res, 400, failure(400, 'BadRequest', 'PATCH /apply requests require fieldManager'));
      const applied = parseYaml(body) as Obj;
      if (!live) return this.create(res, target, serverSideApply(undefined, applied, manager), new URLSearchParams({ ...Object.fromEntries(q), fieldManager: manager }));
      return this.update(res, target, serverSideApply(live, applied, manager), q, 'Apply');
    }
    if (!live) return send(res, 404, notFound(target.type, target.name!));
    const patch = JSON.parse(body) as Obj;
    const base = target.sub === 'scale' ? scaleOf(live) : live;
    let merged: Obj;
    if (type === 'application/merge-patch+json') merged = mergePatch(base, patch) as Obj;
    else if (type === 'application/strategic-merge-patch+json') merged = strategicMerge(base, patch) as Obj;
    else return send(res, 415, failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json`));
    this.update(res, target, recordUpdate(merged, patch, q.get('fieldManager') ?? 'kubectl-patch'), q, 'Update');
  }

  private remove(res: ServerResponse, target: Target, q: URLSearchParams): void {
    const old = this.store.delete(target.type, target.namespace, target.name!, q.get('dryRun') === 'All');
    if (!old) return send(res, 404, notFound(target.type, target.name!));
    send(res, 200, old);
  }

  private accessReview(res: ServerResponse, review: Obj): void {
    const a = (review.spec?.resourceAttributes ?? {}) as Obj;
    const type = [...new Set(['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'cert-manager.io/v1'])].map((gv) => (gv.includes('/') ? findType(gv.split('/')[0], gv.split('/')[1], a.resource) : findType('', 'v1', a.resource))).find(Boolean);
    const allowed = !type || !this.forbid(a.verb, type, a.namespace);
    send(res, 201, { ...review, status: { allowed, ...(allowed ? {} : { reason: `User "${TEST_USER}" cannot ${a.verb} resource "${a.resource}"` }) } });
  }

  private podLog(res: ServerResponse, target: Target, q: URLSearchParams): void {
    const pod = this.store.get(target.type, target.namespace, target.name!);
    if (!pod) return send(res, 404, notFound(target.type, target.name!));
    const names = ((pod.spec?.containers ?? []) as Obj[]).map((c) => String(c.name));
    const container = q.get('container') ?? (names.length === 1 ? names[0] : undefined);
    if (!container) return send(res, 400, failure(400, 'BadRequest', `a container name must be specified for pod ${target.name}, choose one of: [${names.join(' ')}]`));
    if (!names.includes(container)) return send(res, 400, failure(400, 'BadRequest', `container ${container} is not valid for pod ${target.name}`));
    const key = `${target.namespace}/${target.name}/${container}`;
    const previous = q.get('previous') === 'true';
    const lines = this.logs.get(previous ? `${key}/previous` : key);
    if (previous && !lines) return send(res, 400, failure(400, 'BadRequest', `previous terminated container "${container}" in pod "${target.name}" not found`));
    const tail = q.get('tailLines') ? Number(q.get('tailLines')) : undefined;
    const since = q.get('sinceSeconds') ? Date.now() - Number(q.get('sinceSeconds')) * 1000 : undefined;
    const recent = (lines ?? []).filter((_, i) => since === undefined || (this.logTimes.get(`${key}#${i}`) ?? 0) >= since);
    const shown = tail === undefined ? recent : recent.slice(-tail || recent.length);
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.write(shown.map((l) => `${l}\n`).join(''));
    if (q.get('follow') !== 'true') return void res.end();
    this.open.add(res);
    const set = this.followers.get(key) ?? new Set();
    set.add(res);
    this.followers.set(key, set);
    res.on('close', () => {
      set.delete(res);
      this.open.delete(res);
    });
  }

  /** The CN of a verified client certificate (HTTPS only), which authenticates like a token. */
  certificateUser(req: IncomingMessage): string | undefined {
    const socket = req.socket as TLSSocket;
    if (typeof socket.getPeerCertificate !== 'function' || !socket.authorized) return undefined;
    const cn = socket.getPeerCertificate()?.subject?.CN;
    return typeof cn === 'string' ? cn : undefined;
  }

  private allocateIP(): string {
    return `10.96.0.${this.nextIP++}`;
  }
}

function parseTarget(group: string, version: string, parts: string[]): Target | undefined {
  let namespace: string | undefined;
  if (parts[0] === 'namespaces' && parts.length >= 3) {
    namespace = parts[1];
    parts = parts.slice(2);
  }
  const type = findType(group, version, parts[0]);
  if (!type || parts.length > 3) return undefined;
  return { type, namespace: type.namespaced ? namespace : undefined, name: parts[1], sub: parts[2] };
}

function verbOf(method: string, target: Target, q: URLSearchParams): Verb {
  if (method === 'POST') return 'create';
  if (method === 'PUT') return 'update';
  if (method === 'PATCH') return 'patch';
  if (method === 'DELETE') return 'delete';
  if (target.name) return 'get';
  return q.get('watch') === 'true' || q.get('watch') === '1' ? 'watch' : 'list';
}

function scaleOf(o: Obj): Obj {
  return { kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: o.metadata.name, namespace: o.metadata.namespace, resourceVersion: o.metadata.resourceVersion }, spec: { replicas: o.spec?.replicas ?? 1 }, status: { replicas: o.status?.replicas ?? 0 } };
}

function parseBody(body: string): Obj {
  return (body.trimStart().startsWith('{') ? JSON.parse(body) : parseYaml(body)) as Obj;
}

function send(res: ServerResponse, code: number, body: object | StatusBody): void {
  sendRaw(res, code, JSON.stringify(body));
}

function sendRaw(res: ServerResponse, code: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function delay(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    res.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
