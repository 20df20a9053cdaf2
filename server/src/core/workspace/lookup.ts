import type { Resource } from '../model/resource';
import type { Severity } from '../findings';
import type { IndexedObject } from './indexed-object';
import { effectiveNamespace } from './indexed-object';
import type { Workspace } from './workspace';
import type { ClusterObject } from './cluster-index';
import { isWorkloadKind } from './pod-template';

/** Namespace in which a resource's namespaced references resolve. */
export function namespaceOf(resource: Resource): string {
  return effectiveNamespace(resource) || 'default';
}

/** "where it looked", for messages about a missing target. */
export function searchedWhere(workspace: Workspace, namespace: string): string {
  const files = workspace.uris().length;
  const scope = workspace.complete ? `the workspace (${files} file${files === 1 ? '' : 's'})` : `the ${files} open file${files === 1 ? '' : 's'}`;
  return namespace ? `namespace "${namespace}" of ${scope}` : scope;
}

/**
 * A missing target is a finding only when the whole workspace was searched; with only some files
 * open it may well exist elsewhere, so it is information, never a false warning.
 */
export function missingSeverity(workspace: Workspace, normal: Severity): Severity {
  return workspace.complete ? normal : 'info';
}

export function targets(workspace: Workspace, group: string, kind: string, namespace: string, name: string): readonly IndexedObject[] {
  return workspace.index.find(group, kind, namespace, name);
}

/** A target looked up in the cluster index: the object if it exists, and where it was looked for. */
export interface ClusterLookup {
  object: ClusterObject | undefined;
  /** `the cluster (context "x", namespace "y")`, for messages. */
  where: string;
}

/**
 * Looks a target up in the cluster index. Namespaced targets resolve in the namespace written in
 * the reference or the referring manifest, else in the index namespace. Undefined when there is no
 * index or it does not cover that namespace (the cluster can then tell nothing).
 */
export function clusterLookup(workspace: Workspace, resource: Resource, target: { group: string; kind: string; name: string; namespace?: string }, clusterScoped: boolean): ClusterLookup | undefined {
  const cluster = workspace.cluster;
  if (!cluster) return undefined;
  const namespace = clusterScoped ? '' : cluster.namespaceFor(target.namespace ?? resource.namespace);
  if (!cluster.covers(namespace)) return undefined;
  return { object: cluster.find(target.group, target.kind, namespace, target.name), where: cluster.describe(namespace) };
}

/** Label selector semantics (matchLabels + matchExpressions), as the API server applies them. */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!selector || typeof selector !== 'object') return false;
  const s = selector as { matchLabels?: unknown; matchExpressions?: unknown };
  const matchLabels = s.matchLabels && typeof s.matchLabels === 'object' ? (s.matchLabels as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== String(v)) return false;
  for (const e of Array.isArray(s.matchExpressions) ? s.matchExpressions : []) {
    const { key, operator, values } = (e ?? {}) as { key?: string; operator?: string; values?: unknown[] };
    if (typeof key !== 'string') return false;
    const list = Array.isArray(values) ? values.map(String) : [];
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    if (operator === 'In' && !(has && list.includes(labels[key]))) return false;
    if (operator === 'NotIn' && has && list.includes(labels[key])) return false;
    if (operator === 'Exists' && !has) return false;
    if (operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** A Service-style selector: a plain map, all entries must match. Empty matches nothing here. */
export function mapSelectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  const entries = Object.entries(selector);
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** Kinds people commonly create outside the repository (kubectl create secret, cloud IAM set-up, a vault). */
const OFTEN_CREATED_ELSEWHERE = new Set(['Secret', 'ServiceAccount']);

/** How sure a missing target is a mistake, and what the message adds to say why. */
export interface Unresolved {
  severity: Severity;
  /** `; did you mean "db-credentials"?`, `; a Secret "x" exists in namespace "y"`, or why it is only information. */
  hint: string;
}

/**
 * A careful reviewer's verdict on a target found nowhere (workspace complete, no cluster): a name
 * next to a real one is a typo (warning, "did you mean"); the same name in another namespace is a
 * namespace mistake (warning); a Secret or ServiceAccount that appears nowhere is usually created
 * outside the repository (information), and so is any kind the caller says is (`createdElsewhere`).
 * Other kinds keep `normal`.
 */
export function unresolved(workspace: Workspace, target: { group: string; kind: string; name: string }, namespace: string, normal: Severity, createdElsewhere = OFTEN_CREATED_ELSEWHERE.has(target.kind) && target.group === ''): Unresolved {
  const siblings = workspace.index.ofKind(target.group, target.kind, namespace).filter((o) => !o.producedBy).map((o) => o.name);
  const near = nearName(target.name, siblings);
  if (near) return { severity: missingSeverity(workspace, normal), hint: `; did you mean "${near}"?` };
  const otherKind = sameNameOtherKind(workspace, target, namespace);
  if (otherKind) return { severity: missingSeverity(workspace, normal), hint: `; a ${otherKind.kind} "${target.name}" (${otherKind.group || 'core'}) exists there: is the kind or apiVersion wrong?` };
  const elsewhere = namespace ? workspace.index.named(target.name).find((o) => o.group === target.group && o.kind === target.kind && o.namespace !== namespace) : undefined;
  // Without metadata.namespace it goes wherever `kubectl apply -n` puts it, which may be this namespace.
  if (elsewhere && !elsewhere.resource.namespace) return { severity: 'info', hint: ` (a ${target.kind} "${target.name}" without metadata.namespace is in ${elsewhere.uri.split('/').pop()}: applied with -n ${namespace} it is there)` };
  if (elsewhere) return { severity: missingSeverity(workspace, normal), hint: `; a ${target.kind} "${target.name}" exists in namespace "${elsewhere.namespace}"` };
  if (createdElsewhere) return { severity: 'info', hint: ' (no similar name there: it may be created outside the repository)' };
  return { severity: missingSeverity(workspace, normal), hint: '' };
}

/**
 * A selector that matches no pod template of its namespace. When the workspace runs no pods at
 * all in that namespace, they come from elsewhere (an operator, a chart, another repository):
 * information. Otherwise a warning, naming the nearest pod template's labels when one differs
 * in a single value.
 */
export function unmatchedSelector(workspace: Workspace, namespace: string, wanted: Record<string, string>): Unresolved {
  const pods = workspace.index.podTemplatesIn(namespace);
  if (pods.length === 0) return { severity: 'info', hint: ' (no workload of this namespace is in the workspace: its pods may come from elsewhere)' };
  const entries = Object.entries(wanted);
  for (const p of pods) {
    const labels = p.template!.labels;
    const differing = entries.filter(([k, v]) => labels[k] !== v);
    if (differing.length === 1 && labels[differing[0][0]] !== undefined && nearName(differing[0][1], [labels[differing[0][0]]])) {
      const [key] = differing[0];
      return { severity: missingSeverity(workspace, 'warning'), hint: `; did you mean ${key}=${labels[key]} (${p.kind} "${p.name}")?` };
    }
  }
  return { severity: missingSeverity(workspace, 'warning'), hint: '' };
}

/**
 * A name one or two edits from a written one (`cart` → `carts`): a typo, not another object.
 * Stricter than field-name suggestions: object names share long prefixes (`prometheus` and
 * `prometheus-k8s` are two ServiceAccounts, not a typo).
 */
export function nearName(name: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(2, Math.floor(name.length / 4));
  if (limit === 0) return undefined;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (c === name || Math.abs(c.length - name.length) > limit) continue;
    const d = boundedDistance(name, c, bestDistance - 1);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/**
 * The optimal-string-alignment distance of schema/validate.ts's editDistance (a swapped pair is one
 * edit) when it is at most `max`, else `max + 1`: three rows and an early exit, as a namespace can
 * hold hundreds of names to compare with (editDistance builds the whole matrix).
 */
function boundedDistance(a: string, b: string, max: number): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous] = [previous, current];
  }
  return Math.min(previous[b.length], max + 1);
}

/** Kinds that stand in for each other in a reference: a workload for a workload, ConfigMap for Secret. */
const INTERCHANGEABLE = [new Set(['Secret', 'ConfigMap'])];

/** An object of this name and namespace that plays the same part under another kind (a Rollout "shop" for Deployment "shop"). */
function sameNameOtherKind(workspace: Workspace, target: { group: string; kind: string; name: string }, namespace: string): IndexedObject | undefined {
  const wantsWorkload = isWorkloadKind(target.group, target.kind);
  return workspace.index.named(target.name).find((o) => {
    if (o.namespace !== namespace || (o.group === target.group && o.kind === target.kind)) return false;
    if (wantsWorkload) return o.template !== undefined && o.kind !== 'Pod';
    return INTERCHANGEABLE.some((set) => set.has(o.kind) && set.has(target.kind) && o.group === '' && target.group === '');
  });
}
