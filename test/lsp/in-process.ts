// The language server in this process: createServer on an in-memory connection (two PassThrough
// streams), its scheduler on a fake clock. Handlers are driven without spawning dist/, and a test
// decides when the server's queued turns run (`pump`).
import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection } from 'vscode-languageserver/node';
import { bundledVersions } from '../../server/src/io/schema-source';
import type { LoadBaseline } from '../../server/src/lsp/baseline-loader';
import type { ServerContext } from '../../server/src/lsp/context';
import { createServer } from '../../server/src/lsp/server';
import { FakeClock, settle } from './fake-clock';
import type { Diagnostic } from './client';

const versions = bundledVersions();

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Diagnostic[];
}

export class InProcessServer {
  readonly clock = new FakeClock();
  readonly published: Published[] = [];
  readonly server: ServerContext;
  private readonly client: MessageConnection;
  private readonly disposeServer: () => void;

  constructor(settings: Record<string, unknown> = {}, loadGitBaseline?: LoadBaseline) {
    const up = new PassThrough();
    const down = new PassThrough();
    const connection = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
    this.server = createServer(connection, versions, { clock: this.clock, loadGitBaseline });
    connection.listen();
    this.disposeServer = () => connection.dispose();
    this.client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
    this.client.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => settings));
    this.client.onRequest(() => null);
    this.client.onNotification('textDocument/publishDiagnostics', (p: Published) => void this.published.push(p));
    this.client.onNotification(() => undefined);
    this.client.listen();
  }

  /** `initialize` (no process id: the library would watch it with a timer) and `initialized`. */
  async initialize(rootUri: string | null = null): Promise<void> {
    await this.client.sendRequest('initialize', { processId: null, rootUri, workspaceFolders: rootUri ? [{ uri: rootUri, name: 'root' }] : null, capabilities: { workspace: { configuration: true } } });
    await this.client.sendNotification('initialized', {});
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.client.sendRequest(method, params) as Promise<T>;
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.client.sendNotification(method, params);
  }

  /** The newest diagnostics published for `uri`. */
  latest(uri: string): Published | undefined {
    return this.published.filter((p) => p.uri === uri).at(-1);
  }

  /**
   * Runs the server's queued turns and lets messages flow until `done()` holds: every step is an
   * event (a turn ran, a message arrived), never a sleep; gives up after `steps`.
   */
  async pump(done: () => boolean, steps = 2000): Promise<void> {
    for (let i = 0; i < steps; i++) {
      if (done()) return;
      this.clock.runTurns();
      await settle();
    }
    throw new Error('the server did not get there');
  }

  dispose(): void {
    this.client.dispose();
    this.disposeServer();
  }
}
