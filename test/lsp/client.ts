// A small LSP client over stdio for protocol tests: requests, notifications, and promises that
// resolve when a matching notification arrives (tests wait on events, never on sleeps).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

type Message = { id?: number; method?: string; params?: unknown; result?: unknown; error?: unknown };

export class LspClient {
  private readonly proc: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (m: Message) => void>();
  private readonly waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  readonly notifications: Message[] = [];

  /** Spawns the server and initializes it with the workspace folder `dir` (a path). */
  static async start(settings: Record<string, unknown>, dir: string): Promise<LspClient> {
    const client = new LspClient(settings);
    await client.initialize(pathToFileURL(dir).href);
    return client;
  }

  constructor(private readonly settings: Record<string, unknown> = {}) {
    this.proc = spawn(process.execPath, [resolve('dist/server.js'), '--stdio'], { stdio: 'pipe' });
    this.proc.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString()) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(m: Message): void {
    if (m.id !== undefined && m.method) {
      // A request from the server: answer configuration with our settings, everything else with null.
      const result = m.method === 'workspace/configuration' ? ((m.params as { items: unknown[] }).items ?? []).map(() => this.settings) : null;
      this.send({ id: m.id, result });
      // Waiters see the server's requests too (window/showMessageRequest).
      this.wake(m);
      return;
    }
    if (m.id !== undefined) {
      this.pending.get(m.id)?.(m);
      this.pending.delete(m.id);
      return;
    }
    this.notifications.push(m);
    this.wake(m);
  }

  private wake(m: Message): void {
    for (const w of [...this.waiters]) {
      if (w.match(m)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(m);
      }
    }
  }

  private send(m: Message & { jsonrpc?: string }): void {
    const body = JSON.stringify({ jsonrpc: '2.0', ...m });
    this.proc.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolvePromise, reject) => {
      this.pending.set(id, (m) => (m.error ? reject(new Error(JSON.stringify(m.error))) : resolvePromise(m.result as T)));
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  /** Resolves with the next publishDiagnostics for `uri` (optionally of a given version). */
  diagnostics(uri: string, version?: number): Promise<{ uri: string; version?: number; diagnostics: Diagnostic[] }> {
    return new Promise((resolvePromise) =>
      this.waiters.push({
        match: (m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri && (version === undefined || (m.params as { version?: number }).version === version),
        resolve: (m) => resolvePromise(m.params as { uri: string; diagnostics: Diagnostic[] }),
      }),
    );
  }

  /** Resolves with the next notification of `method` whose params satisfy `accept`. */
  notification<T>(method: string, accept: (params: T) => boolean = () => true): Promise<T> {
    return new Promise((resolvePromise) =>
      this.waiters.push({ match: (m) => m.method === method && accept(m.params as T), resolve: (m) => resolvePromise(m.params as T) }),
    );
  }

  /** Resolves with the first publishDiagnostics for `uri` that satisfies `accept`. */
  diagnosticsWhere(uri: string, accept: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return new Promise((resolvePromise) =>
      this.waiters.push({
        match: (m) => m.method === 'textDocument/publishDiagnostics' && (m.params as { uri: string }).uri === uri && accept((m.params as { diagnostics: Diagnostic[] }).diagnostics),
        resolve: (m) => resolvePromise((m.params as { diagnostics: Diagnostic[] }).diagnostics),
      }),
    );
  }

  /** Opens `uri` with `text`; resolves with its first diagnostics that satisfy `accept`, without `accept` those of version 1. */
  open(uri: string, text: string, accept?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const published = accept ? this.diagnosticsWhere(uri, accept) : this.diagnostics(uri, 1).then((p) => p.diagnostics);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return published;
  }

  /** Replaces the whole text of `uri` as `version`; resolves with its first diagnostics that satisfy `accept`, without `accept` those of `version`. */
  change(uri: string, version: number, text: string, accept?: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    const published = accept ? this.diagnosticsWhere(uri, accept) : this.diagnostics(uri, version).then((p) => p.diagnostics);
    this.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return published;
  }

  async initialize(rootUri: string | null = null): Promise<unknown> {
    const result = await this.request('initialize', { processId: process.pid, rootUri, workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null, capabilities: { workspace: { configuration: true } } });
    this.notify('initialized', {});
    return result;
  }

  async close(): Promise<void> {
    await this.request('shutdown', null).catch(() => undefined);
    this.notify('exit', null);
    this.proc.kill();
  }
}

/** Diagnostics of a file with a missing reference once the workspace folder is read: while it is
 *  being read, missing targets are information; afterwards warnings or errors. */
// While the folder scan runs, a missing target is information "in the N open files"; once it is
// read, messages name the workspace (information findings of their own kinds may remain).
export const folderRead = (d: Diagnostic[]): boolean => d.length > 0 && d.every((x) => x.severity !== 3 || !/ of the \d+ open files?\b/.test(x.message));

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  codeDescription?: { href: string };
  source: string;
  message: string;
}
