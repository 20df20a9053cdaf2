// Port-forward over SPDY/3.1 (the `portforward.k8s.io` stream protocol), which is what the real
// kubectl speaks: it first offers WebSocket tunnelling (`SPDY/3.1+portforward.k8s.io`), which
// this server declines, then upgrades plainly to SPDY/3.1. Per local connection kubectl opens an
// error stream and a data stream (SYN_STREAM with headers streamType, port, requestID); the pod's
// bytes flow on the data stream and a failure's text on the error stream.
//
// SPDY compresses header blocks with zlib and a fixed dictionary from the SPDY/3 spec. Rather
// than carry that constant, the server reads it from the kubectl binary under test (it is there
// verbatim); zlib refuses a wrong one, as kubectl's zlib header names the dictionary's checksum.
import { readFileSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import { constants, createDeflate, createInflate, type Deflate, type Inflate } from 'node:zlib';
import type { PortHandler } from './streams';

let dictionary: Buffer | undefined;

function spdyDictionary(): Buffer {
  if (dictionary) return dictionary;
  const binary = readFileSync(process.env.KUBECTL_BINARY ?? '/usr/bin/kubectl');
  const start = binary.indexOf(Buffer.from('\0\0\0\x07options\0\0\0\x04head', 'latin1'));
  const end = binary.indexOf(Buffer.from('enq=0.', 'latin1'), start);
  if (start < 0 || end < 0) throw new Error('SPDY header dictionary not found in the kubectl binary');
  dictionary = Buffer.from(binary.subarray(start, end + 'enq=0.'.length));
  return dictionary;
}

interface Frame {
  control: boolean;
  type: number;
  flags: number;
  streamId: number;
  payload: Buffer;
}

const FIN = 1;
const SYN_STREAM = 1;
const SYN_REPLY = 2;
const RST_STREAM = 3;
const PING = 6;

/** Answers the plain SPDY/3.1 upgrade and serves port-forward streams with `portFor(port)`. */
export function spdyPortForward(socket: Duplex, portFor: (port: number) => PortHandler | undefined, onError: (port: number) => string): void {
  socket.write(['HTTP/1.1 101 Switching Protocols', 'Connection: Upgrade', 'Upgrade: SPDY/3.1', 'X-Stream-Protocol-Version: portforward.k8s.io', '', ''].join('\r\n'));
  new SpdySession(socket, portFor, onError);
}

class SpdySession {
  private buffered = Buffer.alloc(0);
  private readonly inflate: Inflate = createInflate({ dictionary: spdyDictionary() });
  private readonly deflate: Deflate = createDeflate();
  private queue: Promise<void> = Promise.resolve();
  /** requestID → its streams and the pod-side connection. */
  private readonly requests = new Map<string, { error?: number; data?: number; port: number; receive?: (b: Buffer) => void }>();
  private readonly streamRequest = new Map<number, string>();

  constructor(private readonly socket: Duplex, private readonly portFor: (port: number) => PortHandler | undefined, private readonly onError: (port: number) => string) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  private receive(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 8) {
      const length = this.buffered.readUIntBE(5, 3);
      if (this.buffered.length < 8 + length) return;
      const head = this.buffered.subarray(0, 8);
      const payload = Buffer.from(this.buffered.subarray(8, 8 + length));
      this.buffered = this.buffered.subarray(8 + length);
      const control = (head[0] & 0x80) !== 0;
      const frame: Frame = { control, type: control ? head.readUInt16BE(2) : 0, flags: head[4], streamId: control ? 0 : head.readUInt32BE(0) & 0x7fffffff, payload };
      this.queue = this.queue.then(() => this.handle(frame)).catch(() => void this.socket.destroy());
    }
  }

  private async handle(f: Frame): Promise<void> {
    if (!f.control) return this.onData(f);
    if (f.type === PING) return void this.socket.write(controlFrame(PING, 0, f.payload));
    if (f.type === RST_STREAM) return;
    if (f.type !== SYN_STREAM) return; // SETTINGS, WINDOW_UPDATE, GOAWAY: nothing to do here
    const streamId = f.payload.readUInt32BE(0) & 0x7fffffff;
    const headers = parseHeaders(await this.zlib(this.inflate, f.payload.subarray(10)));
    const reply = Buffer.concat([uint32(streamId), await this.zlib(this.deflate, uint32(0))]);
    this.socket.write(controlFrame(SYN_REPLY, 0, reply));
    const id = headers.requestid ?? '0';
    const request = this.requests.get(id) ?? { port: Number(headers.port) };
    this.requests.set(id, request);
    this.streamRequest.set(streamId, id);
    if (headers.streamtype === 'error') request.error = streamId;
    else request.data = streamId;
    if (request.error !== undefined && request.data !== undefined) this.connect(request);
  }

  private connect(request: { error?: number; data?: number; port: number; receive?: (b: Buffer) => void }): void {
    const handler = this.portFor(request.port);
    if (!handler) {
      this.socket.write(dataFrame(request.error!, FIN, Buffer.from(this.onError(request.port))));
      this.socket.write(dataFrame(request.data!, FIN, Buffer.alloc(0)));
      return;
    }
    handler({ onData: (fn) => (request.receive = fn), reply: (b) => this.socket.write(dataFrame(request.data!, 0, b)), end: () => this.finish(request) });
  }

  private onData(f: Frame): void {
    const request = this.requests.get(this.streamRequest.get(f.streamId) ?? '');
    if (!request || f.streamId !== request.data) return;
    if (f.payload.length) request.receive?.(f.payload);
    if (f.flags & FIN) this.finish(request);
  }

  /** The local side closed its data stream: close ours and the error stream (no error). */
  private finish(request: { error?: number; data?: number }): void {
    this.socket.write(dataFrame(request.data!, FIN, Buffer.alloc(0)));
    this.socket.write(dataFrame(request.error!, FIN, Buffer.alloc(0)));
  }

  /** Runs one header block through the connection's (stateful) zlib stream with a sync flush. */
  private zlib(stream: Inflate | Deflate, input: Buffer): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const out: Buffer[] = [];
      const collect = (c: Buffer) => out.push(c);
      stream.on('data', collect);
      stream.once('error', reject);
      stream.write(input);
      stream.flush(constants.Z_SYNC_FLUSH, () => {
        stream.off('data', collect);
        stream.off('error', reject);
        resolve(Buffer.concat(out));
      });
    });
  }
}

function parseHeaders(block: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  let offset = 4;
  for (let i = 0, n = block.readUInt32BE(0); i < n; i++) {
    const nameLength = block.readUInt32BE(offset);
    const name = block.toString('utf8', offset + 4, offset + 4 + nameLength);
    offset += 4 + nameLength;
    const valueLength = block.readUInt32BE(offset);
    headers[name.toLowerCase()] = block.toString('utf8', offset + 4, offset + 4 + valueLength);
    offset += 4 + valueLength;
  }
  return headers;
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n, 0);
  return b;
}

function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.from([0x80, 3, type >> 8, type & 0xff, flags, 0, 0, 0]);
  head.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([head, payload]);
}

function dataFrame(streamId: number, flags: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(streamId & 0x7fffffff, 0);
  head[4] = flags;
  head.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([head, payload]);
}
