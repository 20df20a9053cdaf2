import type { Report, WorkspaceContext, Rule } from '../rule';
import { APP_INFO, DATABASES, runsDatabaseClient } from '../../stacks/detect';
import { mountsOf, outlivesPod, volumeDescription } from '../../stacks/workload';

/** Where each image keeps its data (official and Bitnami images). */
const DATA_DIRS: Record<string, string[]> = {
  mariadb: ['/var/lib/mysql', '/bitnami/mariadb'],
  mysql: ['/var/lib/mysql', '/bitnami/mysql'],
  postgres: ['/var/lib/postgresql', '/var/lib/postgresql/data', '/bitnami/postgresql'],
  mongodb: ['/data/db', '/bitnami/mongodb'],
};

/** The built-in objects that run a database's pods (group/kind). */
const DATABASE_WORKLOADS = new Set(['apps/Deployment', 'apps/StatefulSet', '/Pod', 'apps/ReplicaSet']);

export const databaseVolume: Rule = {
  meta: {
    id: 'database-volume',
    severity: 'warning',
    scope: 'stack',
    description: 'A MariaDB/MySQL/Postgres/MongoDB workload whose data directory is not on a PersistentVolumeClaim.',
    docs: [
      'A database container writes to its data directory (`/var/lib/mysql`, `/var/lib/postgresql/data`,',
      '`/data/db`, or `/bitnami/...`). Without a PersistentVolumeClaim there (a StatefulSet',
      '`volumeClaimTemplate` or a pod volume from a PVC), every restart, eviction or rollout starts',
      'from an empty database. `emptyDir`, `hostPath` and `ephemeral` volumes do not survive rescheduling',
      'either; network and CSI volume sources (`nfs`, `csi`, `rbd`, cloud disks) do. A container of a',
      'database image that runs a client (`psql`, `mysqldump`, `mongosh`, `sleep`…) is not the database.',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, workspace, facts } = ctx;
    if (!DATABASE_WORKLOADS.has(`${resource.group}/${resource.kind}`)) return [];
    return facts.appsOf(resource)
      // A database image that runs `psql`, `mongodump` or `sleep` is a client (a backup, a debug pod).
      .filter((a) => DATABASES.has(a.app) && a.container.path.includes('containers') && !runsDatabaseClient(a.container.container))
      .flatMap((a) => {
        const dirs = DATA_DIRS[a.app];
        const mounts = mountsOf(resource, a.container.container, workspace);
        const data = mounts.find((m) => {
          const path = m.mountPath.replace(/\/+$/, '');
          return dirs.some((d) => d === path || d.startsWith(`${path}/`) || path.startsWith(`${d}/`));
        });
        if (data && outlivesPod(data)) return [];
        const what = data ? `on ${volumeDescription(data)}` : 'not on any volume';
        return [{ path: [...a.container.path, data ? 'volumeMounts' : 'image'], message: `${APP_INFO[a.app].title} keeps its data in ${dirs[0]}, which is ${what}: the data is lost when the pod is replaced; mount a PersistentVolumeClaim there` }];
      });
  },
};
