// The server side of RFC 6455 WebSockets, just enough for the API test server's exec and
// port-forward endpoints: the upgrade handshake with sub-protocol choice, masked client frames,
// fragmentation, ping/pong and close. Written here (not the `ws` package) so the test server owns
// every byte it answers kubectl and client-node with.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

/** One accepted socket: emits `message` (a whole binary or text message) and `close`. */
export class WsConnection extends EventEmitter<{ message: [Buffer]; close: [] }> {
  private buffered = Buffer.alloc(0);
  private fragments: Buffer[] = [];
  private closed = false;

  constructor(private readonly socket: Duplex, readonly protocol: string) {
    super();
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => this.finish());
    socket.on('error', () => this.finish());
  }

  /** Sends one binary message (a channel byte and its payload, for the Kubernetes protocols). */
  send(data: Buffer): void {
    if (!this.closed) this.socket.write(frame(OP.binary, data));
  }

  close(code = 1000, reason = ''): void {
    if (this.closed) return;
    const body = Buffer.alloc(2 + Buffer.byteLength(reason));
    body.writeUInt16BE(code, 0);
    body.write(reason, 2);
    this.socket.write(frame(OP.close, body));
    this.socket.end();
    this.finish();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }

  private receive(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    for (;;) {
      const parsed = parseFrame(this.buffered);
      if (!parsed) return;
      this.buffered = this.buffered.subarray(parsed.size);
      this.handle(parsed.opcode, parsed.fin, parsed.payload);
    }
  }

  private handle(opcode: number, fin: boolean, payload: Buffer): void {
    if (opcode === OP.ping) return void this.socket.write(frame(OP.pong, payload));
    if (opcode === OP.pong) return;
    if (opcode === OP.close) return this.close(payload.length >= 2 ? payload.readUInt16BE(0) : 1000);
    this.fragments.push(payload);
    if (!fin) return;
    const message = Buffer.concat(this.fragments);
    this.fragments = [];
    this.emit('message', message);
  }
}

/**
 * Completes the handshake with the first protocol the client offers that `supported` lists (the
 * client's order, as the API server's wsstream does); undefined (and a 400) when none fits.
 */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, supported: string[]): WsConnection | undefined {
  const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim()).filter(Boolean);
  const protocol = offered.find((p) => supported.includes(p));
  const key = req.headers['sec-websocket-key'];
  if (!protocol || typeof key !== 'string') {
    rejectUpgrade(socket, 400, `unable to upgrade: the client offered no supported protocol (${supported.join(', ')})`);
    return undefined;
  }
  const accept = createHash('sha1').update(key + GUID).digest('base64');
  socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, `Sec-WebSocket-Protocol: ${protocol}`, '', ''].join('\r\n'));
  return new WsConnection(socket, protocol);
}

/** Answers an upgrade request with a plain HTTP error (a Status body, as the API server does). */
export function rejectUpgrade(socket: Duplex, code: number, message: string, body?: object): void {
  const text = JSON.stringify(body ?? { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: code === 404 ? 'NotFound' : 'BadRequest', code });
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[code] ?? 'Error';
  socket.end(`HTTP/1.1 ${code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
}

function frame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (n >= 126 && n < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  } else if (n >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([head, payload]);
}

function parseFrame(b: Buffer): { opcode: number; fin: boolean; payload: Buffer; size: number } | undefined {
  if (b.length < 2) return undefined;
  const fin = (b[0] & 0x80) !== 0;
  const opcode = b[0] & 0x0f;
  const masked = (b[1] & 0x80) !== 0;
  let length = b[1] & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (b.length < 4) return undefined;
    length = b.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (b.length < 10) return undefined;
    length = Number(b.readBigUInt64BE(2));
    offset = 10;
  }
  const maskOffset = offset;
  if (masked) offset += 4;
  if (b.length < offset + length) return undefined;
  const payload = Buffer.from(b.subarray(offset, offset + length));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= b[maskOffset + (i % 4)];
  return { opcode, fin, payload, size: offset + length };
}
