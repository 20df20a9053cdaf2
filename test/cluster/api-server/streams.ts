// The API test server's streaming endpoints over WebSocket, with the Kubernetes channel protocols:
// - pods/exec (and attach): v5.channel.k8s.io or v4.channel.k8s.io; each binary message starts
//   with its channel (0 stdin, 1 stdout, 2 stderr, 3 status: a Status JSON with the exit code,
//   4 resize: {"Width","Height"}); v5 adds 255 [channel] to close one stream (the client's stdin).
// - pods/portforward: v4.channel.k8s.io (or none); per requested port a data channel (2i) and an
//   error channel (2i+1), each opened by a frame of the port number (uint16, little-endian).
// - pods/portforward over SPDY/3.1, as kubectl speaks it (spdy.ts); kubectl's WebSocket tunnel
//   (`SPDY/3.1+portforward.k8s.io`) is declined, as by API servers before 1.31, so it falls back.
// A pod "listens" on the ports its containers declare and echoes what it receives, unless a test
// installs its own `portHandler`.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { ExecutableNotFound, imageTools, runProcess, type ProcessIO } from './fake-process';
import { findType } from './resources';
import type { Obj } from './store';
import { spdyPortForward } from './spdy';
import { acceptWebSocket, rejectUpgrade, type WsConnection } from './websocket';
import type { KubeApiTestServer } from './server';

const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const PORT_FORWARD_PROTOCOLS = ['v4.channel.k8s.io', 'portforward.k8s.io'];
const POD_TYPE = findType('', 'v1', 'pods')!;

export interface RecordedExec {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  tty: boolean;
  protocol: string;
  exitCode?: number;
}

/** One connection into a pod's port: bytes in, `reply` bytes out, `end` closes it. */
export type PortHandler = (connection: { onData(fn: (b: Buffer) => void): void; reply(b: Buffer): void; end(): void }) => void;

export const echoPort: PortHandler = (c) => c.onData((b) => c.reply(b));

export function handleUpgrade(server: KubeApiTestServer, req: IncomingMessage, socket: Duplex): void {
  const url = new URL(req.url ?? '/', server.url);
  server.requests.push({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, contentType: '', body: '', authorization: String(req.headers.authorization ?? ''), certificateUser: server.certificateUser(req) });
  const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach|portforward)$/.exec(url.pathname);
  if (!m) return rejectUpgrade(socket, 404, 'the server could not find the requested resource');
  if (server.token !== undefined && req.headers.authorization !== `Bearer ${server.token}` && !server.certificateUser(req)) return rejectUpgrade(socket, 401, 'Unauthorized');
  const [, namespace, name, sub] = m;
  if (server.forbid('create', POD_TYPE, namespace)) return rejectUpgrade(socket, 403, `pods "${name}" is forbidden: User "kubesight-test" cannot create resource "pods/${sub}" in API group "" in the namespace "${namespace}"`);
  const pod = server.store.get(POD_TYPE, namespace, name);
  if (!pod) return rejectUpgrade(socket, 404, `pods "${name}" not found`);
  if (pod.status?.phase !== 'Running') return rejectUpgrade(socket, 400, `unable to upgrade connection: pod ${name} is not running (phase ${pod.status?.phase ?? 'Unknown'})`);
  if (sub === 'portforward') return portForward(server, req, socket, pod, url.searchParams);
  return exec(server, req, socket, pod, url.searchParams);
}

function exec(server: KubeApiTestServer, req: IncomingMessage, socket: Duplex, pod: Obj, q: URLSearchParams): void {
  const containers = (pod.spec?.containers ?? []) as Obj[];
  const names = containers.map((c) => String(c.name));
  const container = q.get('container') ?? (names.length === 1 ? names[0] : undefined);
  if (!container) return rejectUpgrade(socket, 400, `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`);
  if (!names.includes(container)) return rejectUpgrade(socket, 400, `container ${container} is not valid for pod ${pod.metadata.name}`);
  const command = q.getAll('command');
  if (!command.length) return rejectUpgrade(socket, 400, 'you must specify at least 1 command');
  const ws = acceptWebSocket(req, socket, EXEC_PROTOCOLS);
  if (!ws) return;
  const tty = q.get('tty') === 'true' || q.get('tty') === '1';
  const record: RecordedExec = { namespace: pod.metadata.namespace, pod: pod.metadata.name, container, command, tty, protocol: ws.protocol };
  server.execs.push(record);
  const io = processIO(ws, tty, String(pod.metadata.name));
  const image = imageTools(String(containers.find((c) => c.name === container)?.image ?? ''));
  runProcess(command, io, image).then(
    (code) => {
      record.exitCode = code;
      finishExec(ws, code === 0 ? { status: 'Success' } : { status: 'Failure', message: `command terminated with non-zero exit code: exit status ${code}`, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: String(code) }] } });
    },
    (e: unknown) => {
      const message = e instanceof ExecutableNotFound ? `OCI runtime exec failed: exec failed: unable to start container process: ${e.message}: unknown` : String(e);
      finishExec(ws, { status: 'Failure', message: `Internal error occurred: error executing command in container: failed to exec in container: ${message}`, reason: 'InternalError', details: { causes: [{ message }] }, code: 500 });
    },
  );
}

/** The process's view of the socket: channel 0 in, 1 and 2 out, 4 resizes, 255 closes stdin. */
function processIO(ws: WsConnection, tty: boolean, hostname: string): ProcessIO {
  let size: { width: number; height: number } | undefined;
  const stdinListeners: { data: (b: Buffer) => void; end: () => void }[] = [];
  let stdinEnded = false;
  const endStdin = () => {
    if (stdinEnded) return;
    stdinEnded = true;
    for (const l of stdinListeners) l.end();
  };
  ws.on('message', (m) => {
    const channel = m[0];
    const payload = m.subarray(1);
    if (channel === 0) for (const l of stdinListeners) l.data(payload);
    else if (channel === 4) size = terminalSize(payload);
    else if (channel === 255 && payload[0] === 0 && ws.protocol === 'v5.channel.k8s.io') endStdin();
  });
  ws.on('close', endStdin);
  const out = (channel: number) => (text: string) => ws.send(Buffer.concat([Buffer.from([channel]), Buffer.from(text, 'utf8')]));
  return {
    // A TTY has one output stream: stderr arrives on stdout, as with the real kubelet.
    stdout: out(1),
    stderr: out(tty ? 1 : 2),
    onStdin: (data, end) => (stdinEnded ? end() : stdinListeners.push({ data, end })),
    size: () => size,
    tty,
    hostname,
  };
}

/** The resize channel's JSON; Go decodes its keys case-insensitively (client-node sends `width`). */
function terminalSize(payload: Buffer): { width: number; height: number } {
  const raw = Object.fromEntries(Object.entries(JSON.parse(payload.toString('utf8')) as Obj).map(([k, v]) => [k.toLowerCase(), Number(v)]));
  return { width: raw.width, height: raw.height };
}

function finishExec(ws: WsConnection, status: Obj): void {
  ws.send(Buffer.concat([Buffer.from([3]), Buffer.from(JSON.stringify({ metadata: {}, ...status }))]));
  ws.close(1000);
}

function portForward(server: KubeApiTestServer, req: IncomingMessage, socket: Duplex, pod: Obj, q: URLSearchParams): void {
  const declared = new Set(((pod.spec?.containers ?? []) as Obj[]).flatMap((c) => ((c.ports ?? []) as Obj[]).map((p) => Number(p.containerPort))));
  const portFor = (port: number) => server.portHandler(pod, port) ?? (declared.has(port) ? echoPort : undefined);
  const refused = (port: number) => `error forwarding port ${port} to pod ${pod.metadata.uid}, uid : failed to connect to localhost:${port} inside namespace "${pod.metadata.name}": connect: connection refused`;
  if (/^spdy\/3\.1$/i.test(String(req.headers.upgrade ?? ''))) {
    server.portForwards.push({ namespace: pod.metadata.namespace, pod: pod.metadata.name, ports: [] });
    return spdyPortForward(socket, portFor, refused);
  }
  if (/SPDY\/3\.1\+portforward\.k8s\.io/.test(String(req.headers['sec-websocket-protocol'] ?? ''))) return rejectUpgrade(socket, 400, 'unable to upgrade: WebSocket tunnelling of SPDY (SPDY/3.1+portforward.k8s.io) is not supported');
  const ports = q.getAll('ports').flatMap((p) => p.split(',')).map((p) => Number(p.trim()));
  if (!ports.length || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) return rejectUpgrade(socket, 400, `invalid port in ${JSON.stringify(q.getAll('ports'))}`);
  const offered = String(req.headers['sec-websocket-protocol'] ?? '');
  // A client that offers no protocol at all gets the base channel protocol, as with the kubelet.
  if (!offered.trim()) req.headers['sec-websocket-protocol'] = 'v4.channel.k8s.io';
  const ws = acceptWebSocket(req, socket, PORT_FORWARD_PROTOCOLS);
  if (!ws) return;
  server.portForwards.push({ namespace: pod.metadata.namespace, pod: pod.metadata.name, ports });
  const receivers = new Map<number, (b: Buffer) => void>();
  const stopWatch = server.store.watch(POD_TYPE, pod.metadata.namespace, (e) => {
    if (e.type === 'DELETED' && e.object.metadata.name === pod.metadata.name) ws.close(1000);
  });
  ws.on('close', stopWatch);
  ports.forEach((port, i) => {
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16LE(port, 0);
    ws.send(Buffer.concat([Buffer.from([2 * i]), prefix]));
    ws.send(Buffer.concat([Buffer.from([2 * i + 1]), prefix]));
    const handler = portFor(port);
    if (!handler) {
      ws.send(Buffer.concat([Buffer.from([2 * i + 1]), Buffer.from(refused(port))]));
      // As the kubelet does, the connection ends once its port forwarding failed.
      return ws.close(1000);
    }
    handler({ onData: (fn) => receivers.set(2 * i, fn), reply: (b) => ws.send(Buffer.concat([Buffer.from([2 * i]), b])), end: () => ws.close(1000) });
  });
  ws.on('message', (m) => receivers.get(m[0])?.(m.subarray(1)));
}
