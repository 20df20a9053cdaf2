// Events of a namespace or of one object: rows (type, reason, object, age, count, message),
// sorted and filtered as the events view shows them, kept current by a watch, and the Warning
// counts per object that tree items carry.
import type { ClusterConnection } from './connection';
import { EVENT, resourcePath } from './kinds';
import { age } from './status';
import { watchKind } from './watch';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface EventRow {
  uid: string;
  type: string;
  reason: string;
  /** `Pod/web-1` */
  object: string;
  /** When it last happened (ISO), and as an age (`5m`). */
  last: string;
  age: string;
  count: number;
  message: string;
}

export type EventSort = 'last' | 'type' | 'reason' | 'object' | 'count';

export interface EventScope {
  namespace?: string;
  /** Only events about this object. */
  involved?: { kind: string; name: string };
}

export function eventRow(e: Obj, now = Date.now()): EventRow {
  const last = String(e.lastTimestamp ?? e.eventTime ?? e.series?.lastObservedTime ?? e.metadata?.creationTimestamp ?? '');
  return {
    uid: String(e.metadata?.uid ?? `${e.metadata?.namespace}/${e.metadata?.name}`),
    type: String(e.type ?? 'Normal'),
    reason: String(e.reason ?? ''),
    object: `${e.involvedObject?.kind ?? e.regarding?.kind}/${e.involvedObject?.name ?? e.regarding?.name}`,
    last,
    age: last ? age(last, now) : '',
    count: Number(e.count ?? e.series?.count ?? 1),
    message: String(e.message ?? e.note ?? '').trim(),
  };
}

/** The field selector that narrows the API's list and watch to one object's events. */
export function eventFieldSelector(scope: EventScope): string | undefined {
  return scope.involved ? `involvedObject.kind=${scope.involved.kind},involvedObject.name=${scope.involved.name}` : undefined;
}

export async function listEvents(conn: ClusterConnection, scope: EventScope, signal?: AbortSignal): Promise<Obj[]> {
  const list = await conn.request<Obj>({ path: resourcePath(EVENT, scope.namespace), query: { fieldSelector: eventFieldSelector(scope) }, signal });
  return (list.items ?? []) as Obj[];
}

/** Newest first by default; Warnings first when sorted by type; then by time. */
export function sortAndFilter(rows: EventRow[], sort: EventSort = 'last', filter = ''): EventRow[] {
  const needle = filter.trim().toLowerCase();
  const kept = needle ? rows.filter((r) => [r.type, r.reason, r.object, r.message].some((v) => v.toLowerCase().includes(needle))) : rows;
  const byLast = (a: EventRow, b: EventRow) => b.last.localeCompare(a.last);
  const compare: Record<EventSort, (a: EventRow, b: EventRow) => number> = {
    last: byLast,
    type: (a, b) => (a.type === b.type ? byLast(a, b) : a.type === 'Warning' ? -1 : 1),
    reason: (a, b) => a.reason.localeCompare(b.reason) || byLast(a, b),
    object: (a, b) => a.object.localeCompare(b.object) || byLast(a, b),
    count: (a, b) => b.count - a.count || byLast(a, b),
  };
  return [...kept].sort(compare[sort]);
}

/** Warning events per `Kind/name` (their counts summed), for the tree's descriptions. */
export function warningCounts(events: Obj[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) {
    if (e.type !== 'Warning') continue;
    const row = eventRow(e);
    counts.set(row.object, (counts.get(row.object) ?? 0) + row.count);
  }
  return counts;
}

/**
 * The events of a scope, kept current: `onChange` gets every row after the first list and after
 * each watched change, until `signal` aborts.
 */
export async function followEvents(conn: ClusterConnection, scope: EventScope, onChange: (rows: EventRow[]) => void, signal: AbortSignal): Promise<void> {
  const byUid = new Map<string, Obj>();
  for (const e of await listEvents(conn, scope, signal)) byUid.set(eventRow(e).uid, e);
  onChange([...byUid.values()].map((e) => eventRow(e)));
  const selector = eventFieldSelector(scope);
  await watchKind(conn, EVENT, scope.namespace, (w) => {
    if (w.type !== 'ADDED' && w.type !== 'MODIFIED' && w.type !== 'DELETED') return;
    const e = w.object as Obj;
    if (selector && (e.involvedObject?.kind !== scope.involved?.kind || e.involvedObject?.name !== scope.involved?.name)) return;
    if (w.type === 'DELETED') byUid.delete(eventRow(e).uid);
    else byUid.set(eventRow(e).uid, e);
    onChange([...byUid.values()].map((x) => eventRow(x)));
  }, signal);
}
