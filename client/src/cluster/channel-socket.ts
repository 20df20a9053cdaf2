// A WebSocket to one of the API server's streaming endpoints (pods/exec, pods/portforward) with
// the Kubernetes channel protocols: every binary message starts with its channel number.
// client-node opens the socket (its WebSocketHandler negotiates v5/v4.channel.k8s.io and applies
// the context's credentials); this module types the socket and turns failures into ClusterErrors.
import { PassThrough } from 'node:stream';
import { WebSocketHandler, type WebSocketInterface } from '@kubernetes/client-node/dist/web-socket-handler.js';
import { ClusterError, redact, type ClusterConnection } from './connection';

/** The part of the `ws` socket client-node hands back that Kubesight uses. */
export interface ChannelSocket {
  readonly protocol: string;
  readonly readyState: number;
  send(data: Buffer): void;
  close(): void;
  on(event: 'close', listener: () => void): void;
}

export const OPEN = 1;

/**
 * A WebSocketInterface for client-node's Exec through this connection. client-node's handler
 * ends its "standard streams" when the server closes a stream; it gets private ones here so that
 * can never end the extension host's own stdout.
 */
export function channelInterface(conn: ClusterConnection): WebSocketInterface {
  const handler = new WebSocketHandler(conn.kubeConfigForStreams(), undefined, { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough() });
  return {
    connect: async (path, text, binary) => {
      try {
        return await handler.connect(path, text, binary);
      } catch (e) {
        throw streamError(conn, e, path);
      }
    },
  };
}

/** Opens `path` and calls `onMessage(channel, payload)` for each binary message. */
export async function openChannelSocket(conn: ClusterConnection, path: string, onMessage: (channel: number, payload: Buffer) => void): Promise<ChannelSocket> {
  const socket = await channelInterface(conn).connect(path, null, (channel, payload) => {
    onMessage(channel, payload);
    return true;
  });
  return socket as unknown as ChannelSocket;
}

/** `[channel, ...payload]`, the frame every channel protocol sends. */
export function channelFrame(channel: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  return Buffer.concat([Buffer.from([channel]), body]);
}

function streamError(conn: ClusterConnection, e: unknown, path: string): ClusterError {
  if (e instanceof ClusterError) return e;
  const raw = e as { message?: string; error?: { message?: string; code?: string } } | undefined;
  const message = raw?.error?.message ?? raw?.message ?? String(e);
  const status = Number(/Unexpected server response: (\d+)/.exec(message)?.[1] ?? 0);
  const what = path.split('?')[0].split('/').slice(-3).join('/');
  if (status === 401) return new ClusterError('unauthorized', `Unauthorized: the cluster rejected the credentials of user "${conn.context.user}" (context "${conn.context.name}").`, status);
  if (status === 403) return new ClusterError('forbidden', `Forbidden: the cluster does not allow ${what} for user "${conn.context.user}" (context "${conn.context.name}").`, status);
  if (status === 404) return new ClusterError('not-found', `${what}: not found (the pod may be gone).`, status);
  if (status === 400) return new ClusterError('invalid', `The API server refused ${what} (400): the pod may not be running, or the container does not exist.`, status);
  if (status) return new ClusterError('server', `The API server answered ${status} to ${what}.`, status);
  return new ClusterError('unreachable', `Cannot reach the cluster at ${conn.server} (${redact(raw?.error?.code ?? message)}) for ${what}.`);
}
