// The cluster explorer's tree as plain data: contexts → namespaces → groups → kinds → objects
// (paged) → pods → containers. `children` never throws: a cluster failure becomes a message node.
// Node ids are stable paths so VS Code keeps expansion state and tests can address nodes.
import { ClusterError, type ClusterConnection } from './connection';
import type { ContextInfo, LoadedKubeconfig } from './kubeconfig';
import { apiVersionOf, GATEWAY_API_GROUP, GATEWAY_API_KINDS, isBuiltInGroup, isWorkload, KIND_GROUPS, NAMESPACE, POD, resourcePath, type KindGroup, type KindInfo } from './kinds';
import { statusWithPods } from './live-status';
import { age, objectStatus, type ObjectStatus } from './status';
import { selectorString } from './workload-pods';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Base {
  id: string;
  context: string;
}
export type ExplorerNode =
  | (Base & { type: 'context'; info: ContextInfo; active: boolean })
  | (Base & { type: 'namespace'; namespace: string /* '' = all namespaces */ })
  | (Base & { type: 'group'; namespace: string; group: KindGroup })
  | (Base & { type: 'custom-resources'; namespace: string })
  | (Base & { type: 'custom-group'; namespace: string; apiGroup: string; version: string })
  | (Base & { type: 'kind'; namespace: string; kind: KindInfo; continueToken?: string })
  | (Base & { type: 'object'; namespace: string; kind: KindInfo; name: string; objectNamespace?: string; status: ObjectStatus; age: string; selector?: string; containers?: string[] })
  | (Base & { type: 'more'; namespace: string; kind: KindInfo; continueToken: string; /** Objects shown so far. */ loaded: number; /** The kind folder the next page belongs to. */ parentId: string })
  | (Base & { type: 'container'; namespace: string; pod: string; podNamespace: string; container: string; status: ObjectStatus })
  | (Base & { type: 'message'; text: string; severity: 'error' | 'info'; errorKind?: string });

export interface ExplorerOptions {
  kubeconfig: () => LoadedKubeconfig;
  /** The connection for a context (cached by the caller); may throw ClusterError. */
  connect: (context: string) => ClusterConnection;
  activeContext: () => string | undefined;
  pageSize?: number;
}

export class ExplorerModel {
  constructor(private readonly options: ExplorerOptions) {}

  async children(node?: ExplorerNode, signal?: AbortSignal): Promise<ExplorerNode[]> {
    try {
      if (!node) return this.contexts();
      switch (node.type) {
        case 'context':
          return await this.namespaces(node.context, signal);
        case 'namespace':
          return [
            ...KIND_GROUPS.map((group): ExplorerNode => ({ type: 'group', id: `${node.id}/${group.id}`, context: node.context, namespace: node.namespace, group })),
            { type: 'custom-resources', id: `${node.id}/custom`, context: node.context, namespace: node.namespace },
          ];
        case 'group': {
          const extra = node.group.id === 'network' ? await this.gatewayApiKinds(node.context, signal) : [];
          return [...node.group.kinds, ...extra].map((kind) => this.kindNode(node.id, node.context, node.namespace, kind));
        }
        case 'custom-resources':
          return await this.customGroups(node, signal);
        case 'custom-group':
          return await this.customKinds(node, signal);
        case 'kind':
          return await this.objects(node.id, node.context, node.namespace, node.kind, undefined, signal);
        case 'more':
          return await this.objects(node.parentId, node.context, node.namespace, node.kind, node.continueToken, signal, node.loaded);
        case 'object':
          return await this.objectChildren(node, signal);
        default:
          return [];
      }
    } catch (e) {
      return [messageNode(node?.id ?? 'root', node?.context ?? '', e)];
    }
  }

  private contexts(): ExplorerNode[] {
    const kc = this.options.kubeconfig();
    const problems = kc.problems.map((p, i): ExplorerNode => ({ type: 'message', id: `problem-${i}`, context: '', text: p.message, severity: 'error', errorKind: 'config' }));
    if (!kc.contexts.length && !problems.length) problems.push({ type: 'message', id: 'no-contexts', context: '', text: `No contexts in ${kc.paths.join(', ')}.`, severity: 'info' });
    const active = this.options.activeContext() ?? kc.currentContext;
    return [...problems, ...kc.contexts.map((info): ExplorerNode => ({ type: 'context', id: `ctx/${info.name}`, context: info.name, info, active: info.name === active }))];
  }

  private async namespaces(context: string, signal?: AbortSignal): Promise<ExplorerNode[]> {
    const conn = this.options.connect(context);
    const list = await conn.request<Obj>({ path: resourcePath(NAMESPACE), signal });
    const names = ((list.items ?? []) as Obj[]).map((n) => String(n.metadata.name));
    return [{ type: 'namespace', id: `ctx/${context}/ns/*`, context, namespace: '' }, ...names.map((ns): ExplorerNode => ({ type: 'namespace', id: `ctx/${context}/ns/${ns}`, context, namespace: ns }))];
  }

  private kindNode(parentId: string, context: string, namespace: string, kind: KindInfo): ExplorerNode {
    return { type: 'kind', id: `${parentId}/${apiVersionOf(kind)}/${kind.kind}`, context, namespace, kind };
  }

  /** One page of objects; a `more` node at the end fetches the next page. */
  private async objects(id: string, context: string, namespace: string, kind: KindInfo, continueToken: string | undefined, signal?: AbortSignal, loadedBefore = 0): Promise<ExplorerNode[]> {
    const conn = this.options.connect(context);
    const limit = this.options.pageSize ?? 200;
    const list = await conn.request<Obj>({ path: resourcePath(kind, namespace || undefined), query: { limit, continue: continueToken }, signal });
    const items = (list.items ?? []) as Obj[];
    const nodes = items.map((o) => this.objectNode(id, context, namespace, kind, o));
    await this.withPodFailures(conn, kind, items, nodes, signal);
    const next = list.metadata?.continue as string | undefined;
    if (next) {
      const loaded = loadedBefore + nodes.length;
      nodes.push({ type: 'more', id: `${id}/more-${loaded}`, parentId: id, context, namespace, kind, continueToken: next, loaded });
    }
    return nodes;
  }

  /**
   * A Deployment stuck at 0/1 is usually a crash-looping pod: workloads that are not healthy get
   * `failed: <reason>` from their pods (at most 20 lookups per page, one request each).
   */
  private async withPodFailures(conn: ClusterConnection, kind: KindInfo, items: Obj[], nodes: ExplorerNode[], signal?: AbortSignal): Promise<void> {
    if (!isWorkload(kind)) return;
    const unhealthy = nodes.map((n, i) => [n, items[i]] as const).filter(([n]) => n.type === 'object' && n.status.health === 'progressing').slice(0, 20);
    await Promise.all(
      unhealthy.map(async ([node, item]) => {
        const status = await statusWithPods(conn, { ...item, kind: kind.kind, apiVersion: apiVersionOf(kind) }, signal);
        if (node.type === 'object') node.status = status;
      }),
    );
  }

  private objectNode(parentId: string, context: string, namespace: string, kind: KindInfo, o: Obj): ExplorerNode {
    const objectNamespace = o.metadata?.namespace as string | undefined;
    return {
      type: 'object',
      id: `${parentId}/${objectNamespace ? `${objectNamespace}/` : ''}${o.metadata.name}`,
      context,
      namespace,
      kind,
      name: String(o.metadata.name),
      objectNamespace,
      status: objectStatus({ ...o, kind: kind.kind }),
      age: age(o.metadata?.creationTimestamp),
      ...(isWorkload(kind) ? { selector: selectorString(o.spec?.selector) } : {}),
      ...(kind.kind === 'Pod' ? { containers: ((o.spec?.containers ?? []) as Obj[]).map((c) => String(c.name)) } : {}),
    };
  }

  private async objectChildren(node: Extract<ExplorerNode, { type: 'object' }>, signal?: AbortSignal): Promise<ExplorerNode[]> {
    const conn = this.options.connect(node.context);
    if (node.kind.kind === 'Pod') {
      const pod = await conn.request<Obj>({ path: resourcePath(POD, node.objectNamespace, node.name), signal });
      const statuses = new Map(((pod.status?.containerStatuses ?? []) as Obj[]).map((c) => [c.name, c]));
      return ((pod.spec?.containers ?? []) as Obj[]).map((c): ExplorerNode => {
        const s = statuses.get(c.name);
        const podLike = { kind: 'Pod', spec: { containers: [c] }, status: { phase: pod.status?.phase, containerStatuses: s ? [s] : [] } };
        return { type: 'container', id: `${node.id}/${c.name}`, context: node.context, namespace: node.namespace, pod: node.name, podNamespace: String(pod.metadata?.namespace ?? node.objectNamespace ?? 'default'), container: String(c.name), status: objectStatus(podLike) };
      });
    }
    if (!node.selector) return [];
    const pods = await conn.request<Obj>({ path: resourcePath(POD, node.objectNamespace), query: { labelSelector: node.selector, limit: this.options.pageSize ?? 200 }, signal });
    return ((pods.items ?? []) as Obj[]).map((p) => this.objectNode(node.id, node.context, node.namespace, POD, p));
  }

  /**
   * The Gateway API kinds the cluster serves, each in the first version (preferred first) that
   * lists it; none when the group is not installed or discovery fails (Network still shows the rest).
   */
  private async gatewayApiKinds(context: string, signal?: AbortSignal): Promise<KindInfo[]> {
    try {
      const conn = this.options.connect(context);
      const groups = await conn.request<Obj>({ path: '/apis', signal });
      const group = ((groups.groups ?? []) as Obj[]).find((g) => g.name === GATEWAY_API_GROUP);
      if (!group) return [];
      const versions = [group.preferredVersion?.version, ...((group.versions ?? []) as Obj[]).map((v) => v.version)].filter((v, i, all): v is string => typeof v === 'string' && all.indexOf(v) === i);
      const served = new Map<string, KindInfo>();
      for (const version of versions) {
        const list = await conn.request<Obj>({ path: `/apis/${GATEWAY_API_GROUP}/${version}`, signal });
        for (const r of (list.resources ?? []) as Obj[]) {
          const known = GATEWAY_API_KINDS.find((kind) => kind.kind === r.kind && kind.plural === r.name);
          if (known && !served.has(known.kind)) served.set(known.kind, { ...known, version });
        }
      }
      return GATEWAY_API_KINDS.flatMap((kind) => served.get(kind.kind) ?? []);
    } catch {
      return [];
    }
  }

  private async customGroups(node: Extract<ExplorerNode, { type: 'custom-resources' }>, signal?: AbortSignal): Promise<ExplorerNode[]> {
    const conn = this.options.connect(node.context);
    const groups = await conn.request<Obj>({ path: '/apis', signal });
    const custom = ((groups.groups ?? []) as Obj[]).filter((g) => !isBuiltInGroup(String(g.name)));
    if (!custom.length) return [{ type: 'message', id: `${node.id}/none`, context: node.context, text: 'No custom resources', severity: 'info' }];
    return custom.map((g): ExplorerNode => ({ type: 'custom-group', id: `${node.id}/${g.name}`, context: node.context, namespace: node.namespace, apiGroup: String(g.name), version: String(g.preferredVersion?.version ?? g.versions?.[0]?.version) }));
  }

  private async customKinds(node: Extract<ExplorerNode, { type: 'custom-group' }>, signal?: AbortSignal): Promise<ExplorerNode[]> {
    const conn = this.options.connect(node.context);
    const list = await conn.request<Obj>({ path: `/apis/${node.apiGroup}/${node.version}`, signal });
    return ((list.resources ?? []) as Obj[])
      .filter((r) => !String(r.name).includes('/') && (r.verbs ?? []).includes('list') && (r.namespaced || !node.namespace))
      .map((r) => this.kindNode(node.id, node.context, node.namespace, { group: node.apiGroup, version: node.version, kind: String(r.kind), plural: String(r.name), namespaced: !!r.namespaced, label: String(r.kind) }));
  }
}

function messageNode(parentId: string, context: string, e: unknown): ExplorerNode {
  const error = e instanceof ClusterError ? e : new ClusterError('server', (e as Error).message ?? String(e));
  return { type: 'message', id: `${parentId}/error`, context, text: error.message, severity: 'error', errorKind: error.kind };
}
