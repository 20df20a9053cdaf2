// The test API server's object store: objects by type, namespace and name, a resourceVersion
// counter, and watchers that receive ADDED/MODIFIED/DELETED events as the store changes.
import { randomUUID } from 'node:crypto';
import { apiVersionOf, type ResourceType } from './resources';

export type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type WatchEvent = { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: Obj };
type Watcher = { type: ResourceType; namespace?: string; send: (e: WatchEvent) => void };

const keyOf = (t: ResourceType, namespace: string | undefined, name: string) => `${apiVersionOf(t)}|${t.kind}|${t.namespaced ? namespace ?? '' : ''}|${name}`;

export class ObjectStore {
  private readonly objects = new Map<string, Obj>();
  private readonly watchers = new Set<Watcher>();
  private revision = 1000;

  get resourceVersion(): string {
    return String(this.revision);
  }

  list(t: ResourceType, namespace?: string): Obj[] {
    const prefix = `${apiVersionOf(t)}|${t.kind}|`;
    return [...this.objects.entries()]
      .filter(([k, o]) => k.startsWith(prefix) && (!t.namespaced || namespace === undefined || o.metadata.namespace === namespace))
      .map(([, o]) => o)
      .sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`));
  }

  get(t: ResourceType, namespace: string | undefined, name: string): Obj | undefined {
    return this.objects.get(keyOf(t, namespace, name));
  }

  /** Stores a new object, filling the metadata the API server owns. */
  create(t: ResourceType, object: Obj, dryRun = false, now = new Date()): Obj {
    const metadata = { ...object.metadata };
    const stored: Obj = {
      ...object,
      apiVersion: apiVersionOf(t),
      kind: t.kind,
      metadata: {
        ...metadata,
        ...(t.namespaced ? { namespace: metadata.namespace ?? 'default' } : {}),
        uid: dryRun ? metadata.uid ?? randomUUID() : randomUUID(),
        resourceVersion: dryRun ? '' : String(++this.revision),
        creationTimestamp: metadata.creationTimestamp ?? now.toISOString().replace(/\.\d+Z$/, 'Z'),
        ...(object.spec ? { generation: 1 } : {}),
      },
    };
    if (!dryRun) this.put(t, stored, 'ADDED');
    return stored;
  }

  /** Replaces an existing object (after a patch or update), bumping its resourceVersion. */
  replace(t: ResourceType, object: Obj, dryRun = false): Obj {
    const old = this.get(t, object.metadata.namespace, object.metadata.name);
    const specChanged = JSON.stringify(old?.spec) !== JSON.stringify(object.spec);
    const metadata = { ...object.metadata, uid: old?.metadata.uid, creationTimestamp: old?.metadata.creationTimestamp };
    if (specChanged && old?.metadata.generation) metadata.generation = old.metadata.generation + 1;
    const stored = { ...object, metadata: { ...metadata, resourceVersion: dryRun ? old?.metadata.resourceVersion : String(++this.revision) } };
    if (!dryRun) this.put(t, stored, 'MODIFIED');
    return stored;
  }

  delete(t: ResourceType, namespace: string | undefined, name: string, dryRun = false): Obj | undefined {
    const key = keyOf(t, namespace, name);
    const old = this.objects.get(key);
    if (!old || dryRun) return old;
    this.objects.delete(key);
    this.notify(t, { type: 'DELETED', object: { ...old, metadata: { ...old.metadata, resourceVersion: String(++this.revision) } } });
    return old;
  }

  watch(t: ResourceType, namespace: string | undefined, send: (e: WatchEvent) => void): () => void {
    const watcher = { type: t, namespace, send };
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  private put(t: ResourceType, object: Obj, type: 'ADDED' | 'MODIFIED'): void {
    this.objects.set(keyOf(t, object.metadata.namespace, object.metadata.name), object);
    this.notify(t, { type, object });
  }

  private notify(t: ResourceType, event: WatchEvent): void {
    for (const w of this.watchers) {
      if (w.type !== t) continue;
      if (t.namespaced && w.namespace !== undefined && event.object.metadata.namespace !== w.namespace) continue;
      w.send(event);
    }
  }
}
