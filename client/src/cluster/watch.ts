// Watches one kind (in one namespace) and reports each change; used to refresh expanded folders.
import type { ClusterConnection } from './connection';
import { resourcePath, type KindInfo } from './kinds';

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'ERROR' | 'BOOKMARK';
  object: Record<string, unknown>;
}

/** Lists to learn the resourceVersion, then streams events newer than it until aborted. */
export async function watchKind(conn: ClusterConnection, kind: KindInfo, namespace: string | undefined, onEvent: (e: WatchEvent) => void, signal: AbortSignal): Promise<void> {
  const list = await conn.request<{ metadata?: { resourceVersion?: string } }>({ path: resourcePath(kind, namespace), query: { limit: 1 }, signal });
  let partial = '';
  await conn.stream({ path: resourcePath(kind, namespace), query: { watch: true, resourceVersion: list.metadata?.resourceVersion, allowWatchBookmarks: true }, signal }, (text) => {
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) onEvent(JSON.parse(line) as WatchEvent);
  });
}
