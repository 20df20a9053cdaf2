// Gateway API objects' status from their conditions: a Gateway is `Accepted` then `Programmed`,
// its listeners have `ResolvedRefs` (certificates) and `Programmed`; a route reports, per parent
// Gateway it names, `Accepted` and `ResolvedRefs` (backends). The Gateway API documents each
// condition as positive: True is good, False carries the reason.
import type { ObjectStatus } from './status';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);

const conditionsOf = (o: Obj | undefined): Obj[] => (Array.isArray(o?.conditions) ? (o.conditions as Obj[]) : []);
const find = (o: Obj | undefined, type: string): Obj | undefined => conditionsOf(o).find((c) => c.type === type);

/**
 * A Gateway's status, or undefined when it carries no Gateway API condition (Istio's own
 * `networking.istio.io` Gateway has the same kind and no such status).
 */
export function gatewayStatus(o: Obj): ObjectStatus | undefined {
  const accepted = find(o.status, 'Accepted');
  const programmed = find(o.status, 'Programmed');
  if (!accepted && !programmed) return undefined;
  if (accepted?.status === 'False') return { text: `failed: not accepted (${accepted.reason ?? 'Invalid'})`, health: 'failed' };
  const brokenListener = ((o.status?.listeners ?? []) as Obj[]).map((l) => ({ l, c: conditionsOf(l).find((c) => c.status === 'False' && (c.type === 'ResolvedRefs' || c.type === 'Accepted')) })).find((x) => x.c);
  if (brokenListener) return { text: `failed: listener ${brokenListener.l.name} ${brokenListener.c!.reason ?? brokenListener.c!.type}`, health: 'failed' };
  if (programmed?.status === 'True') {
    const addresses = ((o.status?.addresses ?? []) as Obj[]).map((a) => a.value).filter(Boolean);
    return { text: `Programmed${addresses.length ? ` ${addresses.join(', ')}` : ''}`, health: 'healthy' };
  }
  if (programmed?.status === 'False' && programmed.reason !== 'Pending') return { text: `failed: not programmed (${programmed.reason ?? 'Invalid'})`, health: 'failed' };
  return { text: 'waiting for the controller', health: 'progressing' };
}

/** A route's status over the parents it names: failed when one refuses it or a backend does not resolve. */
export function routeStatus(o: Obj): ObjectStatus {
  const parents = (o.status?.parents ?? []) as Obj[];
  if (parents.length === 0) return { text: 'not accepted by any Gateway yet', health: 'progressing' };
  for (const type of ['Accepted', 'ResolvedRefs']) {
    const refused = parents.find((p) => find(p, type)?.status === 'False');
    if (refused) return { text: `failed: ${find(refused, type)!.reason ?? type} (${parentName(refused.parentRef)})`, health: 'failed' };
  }
  const accepted = parents.filter((p) => find(p, 'Accepted')?.status === 'True').length;
  if (accepted === parents.length) return { text: `accepted by ${accepted} parent${accepted === 1 ? '' : 's'}`, health: 'healthy' };
  return { text: `accepted by ${accepted}/${parents.length} parents`, health: 'progressing' };
}

/** Listener and parent conditions that are not met, one line each, for the why-not-ready hover. */
export function unmetGatewayConditions(o: Obj): string[] {
  const line = (where: string, c: Obj) => `- ${where}: ${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}${c.message ? `: ${c.message}` : ''}`;
  const listeners = ((o.status?.listeners ?? []) as Obj[]).flatMap((l) => conditionsOf(l).filter((c) => c.status !== 'True' && c.type !== 'Conflicted' && c.type !== 'OverlappingTLSConfig').map((c) => line(`listener ${l.name}`, c)));
  const parents = ROUTE_KINDS.has(String(o.kind)) ? ((o.status?.parents ?? []) as Obj[]).flatMap((p) => conditionsOf(p).filter((c) => c.status !== 'True').map((c) => line(`parent ${parentName(p.parentRef)}`, c))) : [];
  return [...listeners, ...parents];
}

function parentName(ref: Obj | undefined): string {
  if (!ref) return 'Gateway ?';
  const section = ref.sectionName ? `/${ref.sectionName}` : '';
  return `${ref.kind ?? 'Gateway'} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}${section}`;
}
