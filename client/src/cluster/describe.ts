// `Describe`: a markdown summary of a live object — status, conditions, containers with restart
// reasons, and its recent events (and its pods' Warning events for a workload). Secret values are
// never shown: only keys and sizes.
import type { ClusterConnection } from './connection';
import { EVENT, isWorkload, POD, resourcePath, type KindInfo } from './kinds';
import { secretKeys, isSecret } from './masking';
import { age, objectStatus, podProblem } from './status';
import { selectorString } from './workload-pods';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const cell = (v: unknown) => String(v ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const row = (cells: unknown[]) => `| ${cells.map(cell).join(' | ')} |`;

export async function describeObject(conn: ClusterConnection, kind: KindInfo, namespace: string | undefined, name: string, signal?: AbortSignal): Promise<string> {
  const o = await conn.request<Obj>({ path: resourcePath(kind, namespace, name), signal });
  o.kind ??= kind.kind;
  const pods = isWorkload(kind) && selectorString(o.spec?.selector) ? await podsOf(conn, o, signal) : [];
  const events = await eventsFor(conn, namespace, [{ kind: kind.kind, name }, ...pods.map((p) => ({ kind: 'Pod', name: String(p.metadata.name) }))], signal);
  return renderDescription(o, pods, events);
}

export async function podsOf(conn: ClusterConnection, o: Obj, signal?: AbortSignal): Promise<Obj[]> {
  const list = await conn.request<Obj>({ path: resourcePath(POD, o.metadata.namespace), query: { labelSelector: selectorString(o.spec.selector) }, signal });
  return (list.items ?? []) as Obj[];
}

export async function eventsFor(conn: ClusterConnection, namespace: string | undefined, subjects: { kind: string; name: string }[], signal?: AbortSignal): Promise<Obj[]> {
  if (!namespace) return [];
  try {
    const list = await conn.request<Obj>({ path: resourcePath(EVENT, namespace), signal });
    const wanted = new Set(subjects.map((s) => `${s.kind}/${s.name}`));
    return ((list.items ?? []) as Obj[]).filter((e) => wanted.has(`${e.involvedObject?.kind}/${e.involvedObject?.name}`)).sort((a, b) => String(b.lastTimestamp ?? b.eventTime ?? '').localeCompare(String(a.lastTimestamp ?? a.eventTime ?? ''))).slice(0, 20);
  } catch {
    return []; // events are a bonus: no access to them must not hide the rest
  }
}

export function renderDescription(o: Obj, pods: Obj[], events: Obj[]): string {
  const status = objectStatus(o);
  const m = o.metadata ?? {};
  const lines = [`# ${o.kind} ${m.namespace ? `${m.namespace}/` : ''}${m.name}`, ''];
  lines.push(`- **Status:** ${status.text || '—'} (${status.health})`, `- **Created:** ${m.creationTimestamp ?? '—'} (${age(m.creationTimestamp)} ago)`);
  if (m.labels) lines.push(`- **Labels:** ${Object.entries(m.labels).map(([k, v]) => `\`${k}=${v}\``).join(', ')}`);
  const owner = (m.ownerReferences ?? [])[0];
  if (owner) lines.push(`- **Controlled by:** ${owner.kind}/${owner.name}`);
  if (isSecret(o)) {
    lines.push('', '## Data (values hidden)', '', row(['Key', 'Size']), row(['---', '---']), ...secretKeys(o).map((k) => row([k.key, `${k.bytes} bytes`])));
  } else if (o.kind === 'ConfigMap') {
    lines.push('', '## Data keys', '', ...Object.keys(o.data ?? {}).map((k) => `- \`${k}\``));
  }
  const conditions = (o.status?.conditions ?? []) as Obj[];
  if (conditions.length) {
    lines.push('', '## Conditions', '', row(['Type', 'Status', 'Reason', 'Message']), row(['---', '---', '---', '---']), ...conditions.map((c) => row([c.type, c.status, c.reason, c.message])));
  }
  const podList = o.kind === 'Pod' ? [o] : pods;
  if (podList.length) lines.push('', o.kind === 'Pod' ? '## Containers' : '## Pods', '', ...podList.flatMap(describePod));
  if (events.length) {
    lines.push('', '## Events', '', row(['Type', 'Reason', 'Object', 'Age', 'Message']), row(['---', '---', '---', '---', '---']));
    lines.push(...events.map((e) => row([e.type, e.reason, `${e.involvedObject?.kind}/${e.involvedObject?.name}`, age(e.lastTimestamp ?? e.eventTime), `${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`])));
  }
  return `${lines.join('\n')}\n`;
}

function describePod(pod: Obj): string[] {
  const problem = podProblem(pod);
  const lines = pod.kind === 'Pod' && pod.metadata?.name ? [`- **${pod.metadata.name}** — ${objectStatus(pod).text}${problem ? ` ⚠ ${problem}` : ''}`] : [];
  for (const c of (pod.status?.containerStatuses ?? []) as Obj[]) {
    const state = Object.keys(c.state ?? {})[0] ?? 'unknown';
    const reason = c.state?.[state]?.reason;
    lines.push(`  - container \`${c.name}\` (${c.image}): ${state}${reason ? ` (${reason})` : ''}, ready ${c.ready ? 'yes' : 'no'}, ${c.restartCount ?? 0} restarts`);
    const last = c.lastState?.terminated;
    if (last) lines.push(`    - last terminated: ${last.reason ?? ''} exit code ${last.exitCode}${last.message ? ` — ${last.message}` : ''}`);
  }
  return lines;
}


