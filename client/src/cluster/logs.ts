// Pod logs: one container, or every container of every pod of a workload (lines prefixed with
// `[pod/container]`, like `kubectl logs -l … --prefix`), last N lines, since a time, previous,
// follow, and a text filter over the lines (like piping to grep).
import type { ClusterConnection } from './connection';
import { POD, resourcePath } from './kinds';
import { selectorString } from './workload-pods';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface LogOptions {
  tailLines?: number;
  /** Only lines logged in the last this many seconds (the API's sinceSeconds). */
  sinceSeconds?: number;
  previous?: boolean;
  signal?: AbortSignal;
}

export interface LogSource {
  namespace: string;
  pod: string;
  container: string;
}

function query(source: LogSource, options: LogOptions, follow: boolean) {
  return { container: source.container, tailLines: options.tailLines, sinceSeconds: options.sinceSeconds, previous: options.previous || undefined, follow: follow || undefined };
}

export async function fetchLogs(conn: ClusterConnection, source: LogSource, options: LogOptions = {}): Promise<string> {
  let text = '';
  await conn.stream({ path: resourcePath(POD, source.namespace, source.pod, 'log'), query: query(source, options, false), accept: '*/*', signal: options.signal }, (t) => (text += t));
  return text;
}

/** Streams new lines until `options.signal` aborts; resolves when the stream ends. */
export function followLogs(conn: ClusterConnection, source: LogSource, onText: (text: string) => void, options: LogOptions = {}): Promise<void> {
  return conn.stream({ path: resourcePath(POD, source.namespace, source.pod, 'log'), query: query(source, options, true), accept: '*/*', signal: options.signal }, onText);
}

/** Every (pod, container) a workload runs, found through its selector. */
export async function logSourcesOf(conn: ClusterConnection, workload: Obj, signal?: AbortSignal): Promise<LogSource[]> {
  const namespace = String(workload.metadata?.namespace ?? 'default');
  if (workload.kind === 'Pod') return ((workload.spec?.containers ?? []) as Obj[]).map((c) => ({ namespace, pod: String(workload.metadata.name), container: String(c.name) }));
  const selector = selectorString(workload.spec?.selector ?? workload.spec?.jobTemplate?.spec?.selector);
  if (!selector) return [];
  const pods = await conn.request<Obj>({ path: resourcePath(POD, namespace), query: { labelSelector: selector }, signal });
  return ((pods.items ?? []) as Obj[]).flatMap((p) => ((p.spec?.containers ?? []) as Obj[]).map((c) => ({ namespace, pod: String(p.metadata.name), container: String(c.name) })));
}

/** Logs of all pods of a workload, each line prefixed; a pod whose log fails says why in place. */
export async function workloadLogs(conn: ClusterConnection, workload: Obj, options: LogOptions = {}): Promise<string> {
  const sources = await logSourcesOf(conn, workload, options.signal);
  const parts = await Promise.all(
    sources.map(async (s) => {
      const prefix = `[${s.pod}/${s.container}]`;
      try {
        const text = await fetchLogs(conn, s, options);
        return text.split('\n').filter(Boolean).map((l) => `${prefix} ${l}`);
      } catch (e) {
        return [`${prefix} (no log: ${(e as Error).message})`];
      }
    }),
  );
  return `${parts.flat().join('\n')}\n`;
}

/** The since-time choices the UI offers, in seconds (undefined: the whole log). */
export const SINCE_CHOICES: { label: string; seconds?: number }[] = [
  { label: 'Whole log' },
  { label: 'Last 5 minutes', seconds: 300 },
  { label: 'Last hour', seconds: 3600 },
  { label: 'Last 24 hours', seconds: 86_400 },
];

/**
 * A line test from what the user typed: `/regex/` (flags after the slash) or plain text matched
 * case-insensitively; empty matches every line. An invalid regex throws with its reason.
 */
export function lineMatcher(filter: string): (line: string) => boolean {
  const m = /^\/(.+)\/([a-z]*)$/.exec(filter.trim());
  if (m) {
    const re = new RegExp(m[1], m[2].replace(/[gy]/g, ''));
    return (line) => re.test(line);
  }
  const needle = filter.trim().toLowerCase();
  return needle ? (line) => line.toLowerCase().includes(needle) : () => true;
}

/** Filters streamed text line by line; a partial line waits for its end. */
export class LineFilter {
  private partial = '';
  constructor(private readonly matches: (line: string) => boolean) {}

  /** The complete matching lines in `text` (with their newlines). */
  push(text: string): string {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    return lines.filter((l) => this.matches(l)).map((l) => `${l}\n`).join('');
  }

  /** What is left when the stream ends. */
  flush(): string {
    const rest = this.partial;
    this.partial = '';
    return rest && this.matches(rest) ? rest : '';
  }
}
