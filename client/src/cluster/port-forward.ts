// Port-forwarding: a local TCP listener (127.0.0.1 unless asked otherwise) whose every connection
// becomes one WebSocket to pods/portforward (one port per socket: channel 0 data, 1 errors, each
// opened by the port number in two bytes). The target pod is resolved on the first connection and
// again whenever the pod went away (its socket closed under us, or it could not be opened), so a
// forward to a Deployment or Service survives rollouts and restarts.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { channelFrame, openChannelSocket, type ChannelSocket } from './channel-socket';
import { ClusterError, type ClusterConnection } from './connection';
import type { ForwardTarget } from './forward-target';

export interface PortForwardOptions {
  /** 0 or undefined: a free port. */
  localPort?: number;
  /** 127.0.0.1 unless the user asked for another address. */
  address?: string;
  /** Where the bytes go now; called for the first connection and after the pod went away. */
  resolve: () => Promise<ForwardTarget>;
  /** An error channel message or a failed connection, for the UI to show. */
  onError?: (message: string) => void;
  /** The target or the number of connections changed. */
  onChange?: () => void;
}

export class PortForward {
  private target: ForwardTarget | undefined;
  private readonly sockets = new Set<{ socket: Socket; ws?: ChannelSocket }>();
  /** Connections served since the start, and the pods they reached. */
  connections = 0;
  readonly podsUsed: string[] = [];

  private constructor(private readonly conn: ClusterConnection, private readonly server: Server, private readonly options: PortForwardOptions, readonly address: string, readonly localPort: number) {}

  static async start(conn: ClusterConnection, options: PortForwardOptions): Promise<PortForward> {
    const address = options.address ?? '127.0.0.1';
    const server = createServer({ pauseOnConnect: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e: NodeJS.ErrnoException) => reject(new ClusterError('invalid', e.code === 'EADDRINUSE' ? `Local port ${options.localPort} on ${address} is already in use.` : `Cannot listen on ${address}:${options.localPort ?? 0} (${e.code ?? e.message}).`)));
      server.listen(options.localPort ?? 0, address, () => resolve());
    });
    const forward = new PortForward(conn, server, options, address, (server.address() as AddressInfo).port);
    server.on('connection', (socket) => void forward.serve(socket));
    return forward;
  }

  /** The pod and port the next connection goes to (undefined before the first, or after it went away). */
  get current(): ForwardTarget | undefined {
    return this.target;
  }

  get openConnections(): number {
    return this.sockets.size;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) {
      s.ws?.close();
      s.socket.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(socket: Socket): Promise<void> {
    const entry: { socket: Socket; ws?: ChannelSocket } = { socket };
    this.sockets.add(entry);
    socket.on('close', () => {
      this.sockets.delete(entry);
      entry.ws?.close();
      this.options.onChange?.();
    });
    socket.on('error', () => socket.destroy());
    try {
      entry.ws = await this.connect(socket);
    } catch (e) {
      this.options.onError?.((e as Error).message);
      return void socket.destroy();
    }
    this.connections++;
    this.options.onChange?.();
    socket.on('data', (data: Buffer) => entry.ws?.send(channelFrame(0, data)));
    socket.on('end', () => entry.ws?.close());
    socket.resume();
  }

  /** A socket to the current pod; when it cannot be opened, resolves the pod again once and retries. */
  private async connect(socket: Socket): Promise<ChannelSocket> {
    const cached = this.target;
    try {
      return await this.open(cached ?? (await this.resolveTarget()), socket);
    } catch (e) {
      if (!cached || !(e instanceof ClusterError) || !['not-found', 'invalid'].includes(e.kind)) throw e;
      return this.open(await this.resolveTarget(), socket);
    }
  }

  private async resolveTarget(): Promise<ForwardTarget> {
    this.target = await this.options.resolve();
    this.options.onChange?.();
    return this.target;
  }

  private async open(target: ForwardTarget, socket: Socket): Promise<ChannelSocket> {
    const prefixLeft = [2, 2];
    let errorText = '';
    const path = `/api/v1/namespaces/${encodeURIComponent(target.namespace)}/pods/${encodeURIComponent(target.pod)}/portforward?ports=${target.port}`;
    const ws = await openChannelSocket(this.conn, path, (channel, payload) => {
      if (channel > 1) return;
      const skip = Math.min(prefixLeft[channel], payload.length);
      prefixLeft[channel] -= skip;
      const data = payload.subarray(skip);
      if (!data.length) return;
      if (channel === 0) socket.write(data);
      else errorText += data.toString('utf8');
    });
    this.podsUsed.push(target.pod);
    ws.on('close', () => {
      if (errorText) this.options.onError?.(`${target.pod}:${target.port}: ${errorText}`);
      // Closed by the server while the local side was still open: the pod may be gone.
      if (!socket.destroyed && !socket.writableEnded && this.target === target) this.target = undefined;
      socket.end();
    });
    return ws;
  }
}

/** The forwards running in this window, for the tree node and the status bar. */
export class PortForwardRegistry {
  private readonly running: { id: number; label: string; context: string; forward: PortForward }[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();

  list(): readonly { id: number; label: string; context: string; forward: PortForward }[] {
    return this.running;
  }

  add(label: string, context: string, forward: PortForward): number {
    const id = this.nextId++;
    this.running.push({ id, label, context, forward });
    this.changed();
    return id;
  }

  async stop(id: number): Promise<void> {
    const i = this.running.findIndex((r) => r.id === id);
    if (i < 0) return;
    const [entry] = this.running.splice(i, 1);
    this.changed();
    await entry.forward.stop();
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.running.map((r) => r.id).map((id) => this.stop(id)));
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  changed(): void {
    for (const l of this.listeners) l();
  }
}
