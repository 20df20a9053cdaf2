// An LSP client for fuzzing dist/server.js over stdio. Unlike test/lsp/client.ts it watches the
// server itself: its exit (a crash), everything it writes to stderr (uncaught exceptions and
// unhandled rejections end up there), errors it logs (window/logMessage of type Error: a handler
// that threw), error responses, and the latency of every request. Text containing U+DCFF is sent
// with that character as a raw 0xFF byte: invalid UTF-8 on the wire.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

export interface ServerProblem {
  kind: 'crash' | 'stderr' | 'logged error' | 'error response' | 'timeout';
  detail: string;
}

/** Node's own warnings (yaml's toJS warns about odd keys) arrive on stderr or as logged errors: not failures. */
export function isNodeWarning(p: ServerProblem): boolean {
  return (p.kind === 'stderr' || p.kind === 'logged error') && /^(\(node:\d+\) (\[\w+\] )?\w*Warning: |\(Use `node --trace-warnings)/.test(p.detail);
}

export class FuzzServer {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>();
  private readonly listeners = new Set<(m: Message) => void>();
  /** Problems not yet collected by `takeProblems` (the caller attributes them to its current case). */
  private problems: ServerProblem[] = [];
  exited: { code: number | null; signal: string | null } | undefined;
  readonly pid: number;

  /** `latencies` collects the latency of every answered request by method (may be shared by several servers). */
  constructor(
    serverJs = resolve(__dirname, '../../dist/server.js'),
    readonly latencies = new Map<string, number[]>(),
  ) {
    this.proc = spawn(process.execPath, [serverJs, '--stdio'], { stdio: 'pipe' });
    this.pid = this.proc.pid!;
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.proc.stderr.on('data', (chunk: Buffer) => this.problems.push({ kind: 'stderr', detail: chunk.toString('utf8') }));
    this.proc.stdin.on('error', () => undefined); // EPIPE after a crash; reported through `exit`
    this.proc.on('exit', (code, signal) => {
      this.exited = { code, signal };
      this.problems.push({ kind: 'crash', detail: `server exited (code ${code}, signal ${signal})` });
      for (const p of this.pending.values()) p.reject(new Error('server exited'));
      this.pending.clear();
    });
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as Message);
    }
  }

  private dispatch(m: Message): void {
    if (m.id !== undefined && m.method) {
      // A request from the server: configuration gets default settings, anything else null.
      const result = m.method === 'workspace/configuration' ? ((m.params as { items?: unknown[] }).items ?? []).map(() => ({})) : null;
      this.write({ id: m.id, result });
      return;
    }
    if (m.id !== undefined) {
      const p = this.pending.get(m.id);
      this.pending.delete(m.id);
      p?.resolve(m);
      return;
    }
    if (m.method === 'window/logMessage' && (m.params as { type: number }).type === 1) this.problems.push({ kind: 'logged error', detail: (m.params as { message: string }).message });
    for (const listener of [...this.listeners]) listener(m);
  }

  private write(m: Message): void {
    const json = JSON.stringify({ jsonrpc: '2.0', ...m });
    // `\udcff` is the escape of U+DCFF when preceded by an odd number of backslashes (else it is text).
    const parts: Buffer[] = [];
    let last = 0;
    for (const match of json.matchAll(/(\\+)udcff/g)) {
      if (match[1].length % 2 === 0) continue;
      parts.push(Buffer.from(json.slice(last, match.index + match[1].length - 1)), Buffer.from([0xff]));
      last = match.index + match[0].length;
    }
    parts.push(Buffer.from(json.slice(last)));
    const body = Buffer.concat(parts);
    this.proc.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  notify(method: string, params: unknown): void {
    if (!this.exited) this.write({ method, params });
  }

  /** Sends a request; resolves with its result and latency. Errors, timeouts and exits are recorded and rethrown. */
  async request<T>(method: string, params: unknown, timeoutMs = 10_000): Promise<{ result: T; ms: number }> {
    if (this.exited) throw new Error('server exited');
    const id = this.nextId++;
    const sent = performance.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      const m = await new Promise<Message>((resolvePromise, reject) => {
        this.pending.set(id, { resolve: resolvePromise, reject });
        timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new Error(`${method}: no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        this.write({ id, method, params });
      });
      const ms = performance.now() - sent;
      if (!this.latencies.has(method)) this.latencies.set(method, []);
      this.latencies.get(method)!.push(ms);
      if (m.error) {
        this.problems.push({ kind: 'error response', detail: `${method}: ${m.error.message}` });
        throw new Error(`${method}: ${m.error.message}`);
      }
      return { result: m.result as T, ms };
    } catch (e) {
      if ((e as Error).message.includes('no answer')) this.problems.push({ kind: 'timeout', detail: (e as Error).message });
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Calls `listener` with every notification from the server until the returned function is called. */
  listen(listener: (method: string, params: unknown) => void): () => void {
    const wrapped = (m: Message) => listener(m.method!, m.params);
    this.listeners.add(wrapped);
    return () => this.listeners.delete(wrapped);
  }

  /** The next notification `method` whose params satisfy `accept`, or undefined after `timeoutMs`. */
  waitFor<T>(method: string, accept: (params: T) => boolean, timeoutMs: number): Promise<T | undefined> {
    return new Promise((resolvePromise) => {
      const listener = (m: Message) => {
        if (m.method !== method || !accept(m.params as T)) return;
        done(m.params as T);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const done = (value: T | undefined) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolvePromise(value);
      };
      this.listeners.add(listener);
    });
  }

  takeProblems(): ServerProblem[] {
    const out = this.problems;
    this.problems = [];
    return out;
  }

  async initialize(rootUri: string | null = null): Promise<void> {
    await this.request('initialize', { processId: process.pid, rootUri, workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null, capabilities: { workspace: { configuration: true }, textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } } });
    this.notify('initialized', {});
  }

  /** Resident set size of the server process in MiB (Linux), undefined elsewhere. */
  rssMiB(): number | undefined {
    try {
      const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'))?.[1]);
      return Number.isFinite(kb) ? kb / 1024 : undefined;
    } catch {
      return undefined;
    }
  }

  /** A clean shutdown; resolves with the exit code (the LSP says 0 after shutdown + exit). */
  async shutdown(): Promise<number | null> {
    if (this.exited) return this.exited.code;
    const exited = new Promise<number | null>((resolvePromise) => this.proc.once('exit', (code) => resolvePromise(code)));
    await this.request('shutdown', null, 5000).catch(() => undefined);
    this.notify('exit', null);
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5000);
    const code = await exited;
    clearTimeout(timer);
    // The exit itself is expected here, not a crash.
    this.problems = this.problems.filter((p) => p.kind !== 'crash');
    return code;
  }

  kill(): void {
    if (!this.exited) this.proc.kill('SIGKILL');
  }
}
