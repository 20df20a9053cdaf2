// One connection to one kubeconfig context: authenticated HTTP requests with a timeout and
// cancellation, and every failure mapped to a ClusterError a user can read. client-node does
// the kubeconfig work (tokens, client certificates, exec plugins, proxies); requests go through
// node's http(s) so each one can be timed out and cancelled.
import * as http from 'node:http';
import * as https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import type { ContextInfo, ExecPlugin, LoadedKubeconfig } from './kubeconfig';

export type ClusterErrorKind = 'unreachable' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'invalid' | 'timeout' | 'cancelled' | 'server' | 'config' | 'exec-consent' | 'untrusted';

export class ClusterError extends Error {
  constructor(readonly kind: ClusterErrorKind, message: string, readonly status?: number, readonly body?: unknown) {
    super(message);
  }
}

export interface ConnectionOptions {
  /** Untrusted workspaces make no cluster calls at all. */
  trusted: boolean;
  /** Whether the user allowed this exec credential plugin (asked once per command). */
  allowExec: (plugin: ExecPlugin) => boolean;
  timeoutMs?: number;
}

export interface ClusterRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: string;
  contentType?: string;
  accept?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /**
   * A GET asked again within this many ms gets the same answer instead of a new request (see
   * `ClusterConnection.request`). Only for readers that show the same moment, never after a write.
   */
  shareWithinMs?: number;
}

/** How long the lenses and the live baseline share their GETs of the same objects. */
export const SHARE_RECENT_GET_MS = 2_000;

export const DEFAULT_TIMEOUT_MS = 10_000;

export class ClusterConnection {
  // After an open or a save the live lenses (through the apply plan) and, half a second later, the
  // live baseline GET the same objects: requests that opt in (`shareWithinMs`) share one answer.
  // Any write through this connection forgets them all.
  private readonly recentGets = new Map<string, { until: number; answer: Promise<{ status: number; text: string }> }>();

  private constructor(readonly context: ContextInfo, private readonly kc: KubeConfig, private readonly options: ConnectionOptions) {}

  static open(kubeconfig: LoadedKubeconfig, context: string, options: ConnectionOptions): ClusterConnection {
    if (!options.trusted) throw new ClusterError('untrusted', 'Cluster access is off in untrusted workspaces. Trust the workspace to browse clusters.');
    const info = kubeconfig.contexts.find((c) => c.name === context);
    const kc = kubeconfig.forContext(context);
    if (!info || !kc) throw new ClusterError('config', `Context "${context}" is not in ${kubeconfig.paths.join(', ')}.`);
    if (!info.server) throw new ClusterError('config', `Context "${context}" names cluster "${info.cluster}", which has no server address.`);
    return new ClusterConnection(info, kc, options);
  }

  get server(): string {
    return this.context.server ?? '';
  }

  /** Sends a request and parses the JSON answer; throws ClusterError on any failure. */
  async request<T = unknown>(req: ClusterRequest): Promise<T> {
    const method = req.method ?? 'GET';
    if (mayChangeState(method, req)) this.recentGets.clear();
    const { status, text } = method === 'GET' && req.shareWithinMs ? await this.sharedGet(req, req.shareWithinMs) : await this.send(req, undefined);
    if (status >= 400) throw this.httpError(status, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * One request for every caller of the same GET within `withinMs` (answers with an HTTP error
   * status are shared too; a failed request is not). The request itself is not tied to a caller's
   * signal, so one caller giving up does not cancel the others; each caller stops waiting on its own.
   */
  private sharedGet(req: ClusterRequest, withinMs: number): Promise<{ status: number; text: string }> {
    const now = performance.now();
    for (const [k, entry] of this.recentGets) if (entry.until <= now) this.recentGets.delete(k);
    const key = `${req.path}?${new URLSearchParams(Object.entries(req.query ?? {}).filter(([, v]) => v !== undefined).map(([k, v]): [string, string] => [k, String(v)]))}|${req.accept ?? ''}`;
    let entry = this.recentGets.get(key);
    if (!entry) {
      const answer = this.send({ ...req, signal: undefined }, undefined);
      entry = { until: now + withinMs, answer };
      this.recentGets.set(key, entry);
      const forgetFailure = () => {
        if (this.recentGets.get(key)?.answer === answer) this.recentGets.delete(key);
      };
      answer.catch(forgetFailure);
    }
    return untilAborted(entry.answer, req.signal);
  }

  /** Streams a response (logs, watch) to `onText` until it ends or `req.signal` aborts. */
  async stream(req: ClusterRequest, onText: (text: string) => void): Promise<void> {
    const { status, text } = await this.send(req, onText);
    if (status >= 400) throw this.httpError(status, text);
  }

  private async send(req: ClusterRequest, onText: ((text: string) => void) | undefined): Promise<{ status: number; text: string }> {
    if (req.signal?.aborted) throw new ClusterError('cancelled', 'Cancelled.');
    this.assertExecAllowed();
    const url = new URL(this.server.replace(/\/+$/, '') + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const options: https.RequestOptions = { method: req.method ?? 'GET', headers: { Accept: req.accept ?? 'application/json', ...(req.body !== undefined ? { 'Content-Type': req.contentType ?? 'application/json' } : {}) } };
    try {
      await this.kc.applyToHTTPSOptions(options);
    } catch (e) {
      throw new ClusterError('config', `Cannot use the credentials of context "${this.context.name}": ${redact((e as Error).message)}`);
    }
    const timeoutMs = req.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const fail = (e: ClusterError) => {
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
        reject(e);
      };
      const transport = url.protocol === 'http:' ? http : https;
      const request = transport.request(url, options, (res) => {
        const status = res.statusCode ?? 0;
        if (onText && status < 400) clearTimeout(timer); // a stream may last; the timeout covers the answer's start
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => (onText && status < 400 ? onText(c.toString('utf8')) : chunks.push(c)));
        res.on('end', () => {
          clearTimeout(timer);
          req.signal?.removeEventListener('abort', onAbort);
          resolve({ status, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', () => (req.signal?.aborted ? fail(new ClusterError('cancelled', 'Cancelled.')) : fail(this.unreachable('ECONNRESET'))));
        res.on('close', () => {
          if (res.complete) return;
          if (req.signal?.aborted) fail(new ClusterError('cancelled', 'Cancelled.'));
          else resolve({ status, text: Buffer.concat(chunks).toString('utf8') });
        });
      });
      const onAbort = () => {
        request.destroy();
        fail(new ClusterError('cancelled', 'Cancelled.'));
      };
      const timer = setTimeout(() => {
        request.destroy();
        fail(new ClusterError('timeout', `The cluster at ${this.server} did not answer within ${Math.round(timeoutMs / 1000)} s (context "${this.context.name}").`));
      }, timeoutMs);
      req.signal?.addEventListener('abort', onAbort, { once: true });
      request.on('error', (e: NodeJS.ErrnoException) => fail(this.unreachable(e.code ?? e.message)));
      if (req.body !== undefined) request.write(req.body);
      request.end();
    });
  }

  /**
   * The context's client-node KubeConfig for WebSocket streams (exec, port-forward), which
   * client-node opens itself; the exec-plugin consent holds for them as for every request.
   */
  kubeConfigForStreams(): KubeConfig {
    this.assertExecAllowed();
    return this.kc;
  }

  private assertExecAllowed(): void {
    const plugin = this.context.exec;
    if (plugin && !this.options.allowExec(plugin)) {
      throw new ClusterError('exec-consent', `Context "${this.context.name}" gets its credentials by running \`${[plugin.command, ...plugin.args].join(' ')}\` (from ${plugin.source}). Allow it first.`);
    }
  }

  private unreachable(code: string): ClusterError {
    return new ClusterError('unreachable', `Cannot reach the cluster at ${this.server} (${code}). Check that it is running and that context "${this.context.name}" points at it.`);
  }

  private httpError(status: number, text: string): ClusterError {
    let body: { message?: string; reason?: string } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const message = body?.message ?? (text.trim() || `HTTP ${status}`);
    if (status === 401) return new ClusterError('unauthorized', `Unauthorized: the cluster rejected the credentials of user "${this.context.user}" (context "${this.context.name}"). Log in again or refresh the token.`, status, body);
    if (status === 403) return new ClusterError('forbidden', `Forbidden: ${message}`, status, body);
    if (status === 404) return new ClusterError('not-found', message, status, body);
    if (status === 409) return new ClusterError('conflict', message, status, body);
    if (status === 422) return new ClusterError('invalid', message, status, body);
    return new ClusterError('server', `The API server answered ${status}: ${message}`, status, body);
  }
}

/** Bearer tokens and similar never reach a message (and so never a log). */
export function redact(text: string): string {
  return text.replace(/(bearer\s+|token[=:]\s*"?)[A-Za-z0-9._~+/=-]{6,}/gi, '$1<redacted>');
}

/** Every write but server-side dry runs and access reviews (which store nothing) may change what a GET returns. */
function mayChangeState(method: string, req: ClusterRequest): boolean {
  return method !== 'GET' && req.query?.dryRun !== 'All' && !/\/(selfsubject\w*reviews|subjectaccessreviews|tokenreviews)$/.test(req.path);
}

/** `answer`, or a `cancelled` ClusterError as soon as `signal` aborts (the work behind it goes on). */
function untilAborted<T>(answer: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return answer;
  if (signal.aborted) return Promise.reject(new ClusterError('cancelled', 'Cancelled.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new ClusterError('cancelled', 'Cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    answer.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (error: unknown) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}
