import type { IndexedObject } from '../workspace/indexed-object';
import type { ResourceIndex } from '../workspace/index';
import type { Workspace } from '../workspace/workspace';

/** What the workspace rules of one document read: each index query, how to answer it again, and its answer's fingerprint. */
export type Reads = Array<[query: string, ask: Ask, fingerprint: string]>;

/** A query, asked of any index (the one it was recorded in, or a later snapshot's). */
export type Ask = (index: ResourceIndex) => readonly IndexedObject[] | boolean;

/** The fingerprint of a query's answer in an index (workspace-findings.ts computes it once per index). */
export type Fingerprint = (index: ResourceIndex, query: string, ask: Ask) => string;

/**
 * The workspace as the rules see it, with an index that records every query into `reads`. The
 * rest of the snapshot (files, `complete`, the cluster index) is the snapshot's own: the cache
 * keys the file's findings by those (GlobalInputs). Every public member of ResourceIndex is
 * answered here; a member added there without one here fails the invariant test
 * (test/features/workspace-findings.test.ts), which compares reused findings with fresh ones.
 */
export function trackedWorkspace(workspace: Workspace, reads: Reads, fingerprint: Fingerprint): Workspace {
  const index = workspace.index;
  // Rules of one document often ask the same (the ConfigMap a container reads, by three rules): recorded once.
  const asked = new Set<string>();
  const record = <T extends readonly IndexedObject[] | boolean>(query: string, ask: (index: ResourceIndex) => T): T => {
    if (!asked.has(query)) {
      asked.add(query);
      reads.push([query, ask, fingerprint(index, query, ask)]);
    }
    return ask(index);
  };
  const tracked: Pick<ResourceIndex, 'objects' | 'patches' | 'isPatched' | 'find' | 'ofKind' | 'named' | 'podTemplatesIn' | 'allPodTemplates' | 'ofKindEverywhere'> = {
    get objects() {
      return record('objects', (i) => i.objects);
    },
    get patches() {
      return record('patches', (i) => i.patches);
    },
    isPatched: (group, kind, namespace, name) => record(`isPatched|${group}|${kind}|${namespace}|${name}`, (i) => i.isPatched(group, kind, namespace, name)),
    find: (group, kind, namespace, name) => record(`find|${group}|${kind}|${namespace}|${name}`, (i) => i.find(group, kind, namespace, name)),
    ofKind: (group, kind, namespace) => record(`ofKind|${group}|${kind}|${namespace}`, (i) => i.ofKind(group, kind, namespace)),
    named: (name) => record(`named|${name}`, (i) => i.named(name)),
    podTemplatesIn: (namespace) => record(`podTemplatesIn|${namespace}`, (i) => i.podTemplatesIn(namespace)),
    allPodTemplates: () => record('allPodTemplates', (i) => i.allPodTemplates()),
    ofKindEverywhere: (group, kind) => record(`ofKindEverywhere|${group}|${kind}`, (i) => i.ofKindEverywhere(group, kind)),
  };
  // The snapshot's other members read its own fields through the prototype; only `index` differs.
  return Object.create(workspace, { index: { value: tracked as ResourceIndex } }) as Workspace;
}
