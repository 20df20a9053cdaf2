import type { Resource } from '../model/resource';
import type { Severity } from '../findings';
import type { IndexedObject } from './indexed-object';
import { effectiveNamespace } from './indexed-object';
import type { Workspace } from './workspace';
import type { ClusterObject } from './cluster-index';

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
