import type { IndexedObject } from '../workspace/indexed-object';
import type { ResourceIndex } from '../workspace/index';
import type { IndexChange, Workspace } from '../workspace/workspace';

/** What the workspace rules of one document read: each index query, by its key (QUERY). */
export type Reads = string[];

/**
 * The key of each ResourceIndex query: what `trackedWorkspace` records, and what `changedQueries`
 * derives from a changed object. One table for both, so the two cannot drift apart.
 */
const QUERY = {
  objects: 'objects',
  patches: 'patches',
  isPatched: (group: string, kind: string, namespace: string, name: string) => `isPatched|${group}|${kind}|${namespace}|${name}`,
  find: (group: string, kind: string, namespace: string, name: string) => `find|${group}|${kind}|${namespace}|${name}`,
  ofKind: (group: string, kind: string, namespace: string) => `ofKind|${group}|${kind}|${namespace}`,
  named: (name: string) => `named|${name}`,
  podTemplatesIn: (namespace: string) => `podTemplatesIn|${namespace}`,
  allPodTemplates: 'allPodTemplates',
  ofKindEverywhere: (group: string, kind: string) => `ofKindEverywhere|${group}|${kind}`,
};

/**
 * The workspace as the rules see it, with an index that records every query into `reads`. The
 * rest of the snapshot (files, `complete`, the cluster index) is the snapshot's own: the cache
 * keys the file's findings by those (GlobalInputs). Every public member of ResourceIndex is
 * answered here; a member added there without one here fails the invariant test
 * (test/features/workspace-findings.test.ts), which compares reused findings with fresh ones.
 */
export function trackedWorkspace(workspace: Workspace, reads: Reads): Workspace {
  const index = workspace.index;
  // Rules of one document often ask the same (the ConfigMap a container reads, by three rules): recorded once.
  const asked = new Set<string>();
  const record = (query: string): void => {
    if (asked.has(query)) return;
    asked.add(query);
    reads.push(query);
  };
  const tracked: Pick<ResourceIndex, 'objects' | 'patches' | 'isPatched' | 'find' | 'ofKind' | 'named' | 'podTemplatesIn' | 'allPodTemplates' | 'ofKindEverywhere'> = {
    get objects() {
      record(QUERY.objects);
      return index.objects;
    },
    get patches() {
      record(QUERY.patches);
      return index.patches;
    },
    isPatched: (group, kind, namespace, name) => (record(QUERY.isPatched(group, kind, namespace, name)), index.isPatched(group, kind, namespace, name)),
    find: (group, kind, namespace, name) => (record(QUERY.find(group, kind, namespace, name)), index.find(group, kind, namespace, name)),
    ofKind: (group, kind, namespace) => (record(QUERY.ofKind(group, kind, namespace)), index.ofKind(group, kind, namespace)),
    named: (name) => (record(QUERY.named(name)), index.named(name)),
    podTemplatesIn: (namespace) => (record(QUERY.podTemplatesIn(namespace)), index.podTemplatesIn(namespace)),
    allPodTemplates: () => (record(QUERY.allPodTemplates), index.allPodTemplates()),
    ofKindEverywhere: (group, kind) => (record(QUERY.ofKindEverywhere(group, kind)), index.ofKindEverywhere(group, kind)),
  };
  // The snapshot's other members read its own fields through the prototype; only `index` differs.
  return Object.create(workspace, { index: { value: tracked as ResourceIndex } }) as Workspace;
}

/**
 * The queries whose answer may differ between two snapshots, from the objects that differ
 * (Workspace.changedSince): every query an old or a new version of a changed object answers. Each
 * query is a filter of the index's objects (ResourceIndex), so a query no changed object answers
 * answers the same objects, in the same order, with the same content.
 */
export function changedQueries(change: IndexChange): Set<string> {
  const queries = new Set<string>();
  const asObject = (o: IndexedObject) => {
    queries.add(QUERY.find(o.group, o.kind, o.namespace, o.name));
    queries.add(QUERY.ofKind(o.group, o.kind, o.namespace));
    queries.add(QUERY.ofKindEverywhere(o.group, o.kind));
    if (o.template) {
      queries.add(QUERY.podTemplatesIn(o.namespace));
      queries.add(QUERY.allPodTemplates);
    }
  };
  for (const o of change.own) {
    queries.add(QUERY.objects);
    queries.add(QUERY.named(o.name));
    asObject(o);
  }
  // Produced objects are found by identity, kind and pod template, never listed as objects or by name.
  for (const o of change.produced) asObject(o);
  for (const p of change.patches) {
    queries.add(QUERY.patches);
    queries.add(QUERY.isPatched(p.group, p.kind, p.namespace, p.name));
  }
  return queries;
}
