// "Why isn't it ready?": for a workload or pod that is not healthy, the conditions that are not
// met, the latest Warning events of it and its pods, and each container's restart reason and
// last termination message — the three places people dig through with kubectl describe.
import type { ClusterConnection } from './connection';
import { eventsFor, podsOf } from './describe';
import { age, objectStatus, podProblem } from './status';
import { selectorString } from './workload-pods';
import { unmetGatewayConditions } from './gateway-status';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function whyNotReady(conn: ClusterConnection, live: Obj, signal?: AbortSignal): Promise<string> {
  const pods = live.kind === 'Pod' ? [live] : selectorString(live.spec?.selector) ? await podsOf(conn, live, signal) : [];
  const namespace = live.metadata?.namespace;
  const subjects = [{ kind: String(live.kind), name: String(live.metadata?.name) }, ...pods.filter((p) => p !== live).map((p) => ({ kind: 'Pod', name: String(p.metadata.name) }))];
  const events = (await eventsFor(conn, namespace, subjects, signal)).filter((e) => e.type === 'Warning').slice(0, 5);
  return explainNotReady(live, pods, events);
}

export function explainNotReady(live: Obj, pods: Obj[], warnings: Obj[]): string {
  // Like the lens: a workload with a failing pod is failed, whatever its own counters say.
  const podFailure = live.kind === 'Pod' ? undefined : pods.map(podProblem).find(Boolean);
  const status = podFailure ? { text: `failed: ${podFailure}` } : objectStatus(live);
  const lines = [`**${live.kind} ${live.metadata?.name}: ${status.text || 'unknown'}**`];
  // Conditions are positive (Available, Ready) except the failure ones, which matter when True.
  const failure = (c: Obj) => /Failure|Failed/.test(String(c.type));
  const unmet = ((live.status?.conditions ?? []) as Obj[]).filter((c) => (failure(c) ? c.status === 'True' : c.status !== 'True'));
  // Gateway API objects keep more conditions per listener and per parent Gateway.
  const nested = unmetGatewayConditions(live);
  if (unmet.length || nested.length) lines.push('', 'Conditions not met:', ...unmet.map((c) => `- ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`), ...nested);
  const troubled = pods.filter((p) => objectStatus(p).health !== 'healthy');
  if (troubled.length) {
    lines.push('', 'Pods:');
    for (const p of troubled.slice(0, 5)) {
      lines.push(`- ${p.metadata.name}: ${podProblem(p) ?? objectStatus(p).text}`);
      for (const c of (p.status?.containerStatuses ?? []) as Obj[]) {
        const waiting = c.state?.waiting;
        const last = c.lastState?.terminated;
        if (waiting?.reason) lines.push(`  - ${c.name}: ${waiting.reason}${waiting.message ? ` — ${waiting.message}` : ''}${c.restartCount ? ` (${c.restartCount} restarts)` : ''}`);
        if (last) lines.push(`  - ${c.name} last exited ${last.exitCode} (${last.reason ?? 'terminated'})${last.message ? `: ${last.message}` : ''}`);
      }
    }
  }
  if (warnings.length) lines.push('', 'Latest warnings:', ...warnings.map((e) => `- ${age(e.lastTimestamp ?? e.eventTime)} ago ${e.involvedObject?.kind}/${e.involvedObject?.name} ${e.reason}: ${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`));
  if (lines.length === 1) lines.push('', 'No unmet condition, failing pod or warning event found.');
  return lines.join('\n');
}
