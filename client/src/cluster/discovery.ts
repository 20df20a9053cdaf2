// apiVersion + kind → REST resource (plural, namespaced), from the server's discovery documents,
// cached per connection. Needed to apply or look up arbitrary manifests, custom resources included.
import type { ClusterConnection } from './connection';
import { kindOf, type KindInfo } from './kinds';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export class Discovery {
  private readonly lists = new Map<string, Promise<Obj | undefined>>();
  constructor(private readonly conn: ClusterConnection) {}

  async resolve(apiVersion: string, kind: string, signal?: AbortSignal): Promise<KindInfo | undefined> {
    const known = kindOf(apiVersion, kind);
    if (known) return known;
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    let list = this.lists.get(apiVersion);
    if (!list) {
      list = this.conn.request<Obj>({ path: group ? `/apis/${group}/${version}` : `/api/${version}`, signal }).catch(() => undefined);
      this.lists.set(apiVersion, list);
    }
    const r = ((await list)?.resources ?? []).find((x: Obj) => x.kind === kind && !String(x.name).includes('/'));
    return r ? { group, version, kind, plural: String(r.name), namespaced: !!r.namespaced, label: kind } : undefined;
  }
}
