import type { Resource } from '../model/resource';
import { effectiveNamespace } from '../workspace/indexed-object';

/** The objects as they were (a git ref, later the live cluster), matched by identity. */
export interface Baseline {
  /** Named in messages, e.g. `git HEAD`. */
  label: string;
  find(group: string, kind: string, namespace: string, name: string): Record<string, unknown> | undefined;
}

/**
 * A baseline from parsed objects. Matching is by group, kind, namespace and name, so an object that
 * moved to another file (or within a multi-document file) still matches; a renamed one does not.
 */
export function baselineFromResources(label: string, resources: readonly Resource[]): Baseline {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const r of resources) if (r.name) byKey.set(`${r.group}/${r.kind}/${effectiveNamespace(r)}/${r.name}`, r.value);
  return { label, find: (group, kind, namespace, name) => byKey.get(`${group}/${kind}/${namespace}/${name}`) };
}
