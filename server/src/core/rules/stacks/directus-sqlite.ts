import type { Report, WorkspaceContext, Rule } from '../rule';
import { workloadRunning } from '../../stacks/detect';
import { hasHiddenEnv } from '../../stacks/env';
import { mountsOf, outlivesPod, scalingOf } from '../../stacks/workload';

export const directusSqlite: Rule = {
  meta: {
    id: 'directus-sqlite',
    severity: 'warning',
    scope: 'stack',
    description: 'Directus on SQLite with several replicas, an HPA, or no persistent volume for the database file.',
    docs: [
      'With `DB_CLIENT: sqlite3` (or no `DB_CLIENT` at all) Directus keeps its whole database in one',
      'file inside the pod. Each replica then has its own database (content and users differ from',
      'request to request), and without a PersistentVolumeClaim the file is lost at every restart.',
      'Run one replica on a PVC, or use MariaDB/MySQL/Postgres for anything that scales.',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, workspace, facts } = ctx;
    const directus = workloadRunning(resource, 'directus', facts);
    if (!directus) return [];
    const { detected: app, env } = directus;
    const client = env.get('DB_CLIENT');
    // Only a visible sqlite3, or no DB_CLIENT where we can see every variable, means SQLite.
    if (client && (client.value === undefined || !/^sqlite3?$/.test(client.value))) return [];
    if (!client && (env.has('DB_HOST') || hasHiddenEnv(resource, app.container.container, workspace))) return [];
    const where = client?.path ?? [...app.container.path, 'image'];
    const scaling = scalingOf(resource, workspace);
    const reports: Report[] = [];
    if (scaling.max > 1) {
      const why = scaling.reason === 'hpa' ? `HorizontalPodAutoscaler "${scaling.hpa}" scales it to ${scaling.max} replicas` : `it runs ${scaling.max} replicas`;
      reports.push({ path: scaling.reason === 'replicas' ? ['spec', 'replicas'] : where, message: `Directus uses SQLite${client ? '' : ' (no DB_CLIENT set)'} but ${why}: each pod gets its own database file; run 1 replica or use MariaDB/MySQL/Postgres` });
    }
    const persistent = mountsOf(resource, app.container.container, workspace).some(outlivesPod);
    if (!persistent) reports.push({ path: where, message: `Directus keeps its SQLite database in the pod with no PersistentVolumeClaim mounted: content is lost at every restart` });
    return reports;
  },
};
