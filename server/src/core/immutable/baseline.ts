import type { Resource } from '../model/resource';
import { effectiveNamespace } from '../workspace/indexed-object';

/** What a baseline holds for one object of a manifest. */
export interface BaselineMatch {
  /** The object as the baseline has it. */
  before: Record<string, unknown>;
  /**
   * The manifest's object as the API server would receive it: the manifest itself against a git
   * ref; merged over the live object (as `kubectl apply` does) against the cluster.
   */
  after: Record<string, unknown>;
  /** The baseline that matched, named in messages: `git HEAD`, `the live object in cluster context "dev"`. */
  label: string;
}

/** The objects as they were (a git ref, the live cluster), matched by identity. */
export interface Baseline {
  /** Named in messages, e.g. `git HEAD`. */
  label: string;
  /** The earlier version of a manifest's object, matched by group, kind, namespace and name. */
  match(resource: Resource): BaselineMatch | undefined;
}

const key = (group: string, kind: string, namespace: string, name: string) => `${group}/${kind}/${namespace}/${name}`;

/**
 * A baseline from parsed objects. Matching is by group, kind, namespace and name, so an object that
 * moved to another file (or within a multi-document file) still matches; a renamed one does not.
 */
export function baselineFromResources(label: string, resources: readonly Resource[]): Baseline {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const r of resources) if (r.name) byKey.set(key(r.group, r.kind, effectiveNamespace(r), r.name), r.value);
  return {
    label,
    match(resource) {
      const before = resource.name ? byKey.get(key(resource.group, resource.kind, effectiveNamespace(resource), resource.name)) : undefined;
      return before ? { before, after: resource.value, label } : undefined;
    },
  };
}

/**
 * Several baselines as one: the first that has the object wins (the live object before git, since
 * the API server compares with the live object). Undefined entries are skipped.
 */
export function combineBaselines(...baselines: (Baseline | undefined)[]): Baseline | undefined {
  const present = baselines.filter((b): b is Baseline => b !== undefined);
  if (present.length <= 1) return present[0];
  return {
    label: present.map((b) => b.label).join(', else '),
    match(resource) {
      for (const b of present) {
        const found = b.match(resource);
        if (found) return found;
      }
      return undefined;
    },
  };
}
