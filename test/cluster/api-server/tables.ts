// Server-side printing: the `Table` answers kubectl asks for (`Accept: ...;as=Table`), with the
// columns the real API server prints for the kinds our tests read.
import type { ResourceType } from './resources';
import type { Obj } from './store';

export function age(timestamp: string | undefined, now = Date.now()): string {
  if (!timestamp) return '<unknown>';
  const s = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return `${m}m${s % 60 ? `${s % 60}s` : ''}`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h`;
  return `${Math.floor(h / 24)}d`;
}

type Column = { name: string; cell: (o: Obj) => string | number };

function podReady(o: Obj): string {
  const statuses = (o.status?.containerStatuses ?? []) as Obj[];
  return `${statuses.filter((c) => c.ready).length}/${(o.spec?.containers ?? []).length}`;
}

function podStatus(o: Obj): string {
  const waiting = ((o.status?.containerStatuses ?? []) as Obj[]).map((c) => c.state?.waiting?.reason ?? c.state?.terminated?.reason).find(Boolean);
  return waiting ?? o.status?.phase ?? 'Pending';
}

const COLUMNS: Record<string, Column[]> = {
  Deployment: [
    { name: 'Ready', cell: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}` },
    { name: 'Up-to-date', cell: (o) => o.status?.updatedReplicas ?? 0 },
    { name: 'Available', cell: (o) => o.status?.availableReplicas ?? 0 },
  ],
  Pod: [
    { name: 'Ready', cell: podReady },
    { name: 'Status', cell: podStatus },
    { name: 'Restarts', cell: (o) => ((o.status?.containerStatuses ?? []) as Obj[]).reduce((n, c) => n + (c.restartCount ?? 0), 0) },
  ],
  Service: [
    { name: 'Type', cell: (o) => o.spec?.type ?? 'ClusterIP' },
    { name: 'Cluster-IP', cell: (o) => o.spec?.clusterIP ?? '<none>' },
    { name: 'Ports', cell: (o) => ((o.spec?.ports ?? []) as Obj[]).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',') || '<none>' },
  ],
  ConfigMap: [{ name: 'Data', cell: (o) => Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length }],
  Secret: [
    { name: 'Type', cell: (o) => o.type ?? 'Opaque' },
    { name: 'Data', cell: (o) => Object.keys(o.data ?? {}).length },
  ],
  Namespace: [{ name: 'Status', cell: (o) => o.status?.phase ?? 'Active' }],
};

export function table(t: ResourceType, items: Obj[], metadata: Obj): Obj {
  const columns: Column[] = [{ name: 'Name', cell: (o) => o.metadata.name }, ...(COLUMNS[t.kind] ?? []), { name: 'Age', cell: (o) => age(o.metadata.creationTimestamp) }];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: columns.map((c, i) => ({ name: c.name, type: c.name === 'Restarts' || c.name === 'Data' ? 'integer' : 'string', format: i === 0 ? 'name' : '', description: c.name, priority: 0 })),
    rows: items.map((o) => ({ cells: columns.map((c) => c.cell(o)), object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata } })),
  };
}
