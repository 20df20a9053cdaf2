// Recognises the application a workload runs — Directus, Laravel (api, worker, scheduler,
// migrate), a database, Redis or nginx — from its image, command, env names and the
// `app.kubernetes.io/*` labels. Rules and hover use it; it never guesses from the object name.
import type { Resource } from '../model/resource';
import { asArray, containersOf, podTemplateOf, stringMap, valueAt, type ContainerAt } from '../workspace/pod-template';
import type { Workspace } from '../workspace/workspace';
import { resolvedEnv, type EnvValue } from './env';

export type App = 'directus' | 'laravel' | 'mariadb' | 'mysql' | 'postgres' | 'mongodb' | 'redis' | 'nginx';
export type LaravelRole = 'api' | 'worker' | 'scheduler' | 'migrate';

export interface DetectedApp {
  app: App;
  role?: LaravelRole;
  /** The container that runs it. */
  container: ContainerAt;
  /** What gave it away, for hover ("image directus/directus:11.1"). */
  evidence: string;
}

export const APP_INFO: Record<App, { title: string; docs: string }> = {
  directus: { title: 'Directus (headless CMS)', docs: 'https://directus.io/docs/self-hosting/deploying' },
  laravel: { title: 'Laravel (PHP)', docs: 'https://laravel.com/docs/deployment' },
  mariadb: { title: 'MariaDB database', docs: 'https://mariadb.com/kb/en/kubernetes-overview-for-mariadb-users/' },
  mysql: { title: 'MySQL database', docs: 'https://dev.mysql.com/doc/mysql-operator/en/' },
  postgres: { title: 'PostgreSQL database', docs: 'https://www.postgresql.org/docs/current/runtime.html' },
  mongodb: { title: 'MongoDB database', docs: 'https://www.mongodb.com/docs/kubernetes/current/' },
  redis: { title: 'Redis', docs: 'https://redis.io/docs/latest/operate/' },
  nginx: { title: 'nginx web server', docs: 'https://nginx.org/en/docs/' },
};

const IMAGE_APPS: [RegExp, App][] = [
  [/(^|\/)directus(:|@|$)/, 'directus'],
  [/(^|\/)mariadb(:|@|$)/, 'mariadb'],
  [/(^|\/)(mysql|mysql-server|percona-server)(:|@|$)/, 'mysql'],
  [/(^|\/)(postgres|postgresql|postgis)(:|@|$)/, 'postgres'],
  [/(^|\/)(mongo|mongodb|mongodb-community-server)(:|@|$)/, 'mongodb'],
  [/(^|\/)(redis|redis-stack|valkey)(:|@|$)/, 'redis'],
  [/(^|\/)(nginx|nginx-unprivileged|openresty)(:|@|$)/, 'nginx'],
];

const LABEL_APPS: Record<string, App> = { directus: 'directus', laravel: 'laravel', mariadb: 'mariadb', mysql: 'mysql', postgresql: 'postgres', postgres: 'postgres', mongodb: 'mongodb', redis: 'redis', nginx: 'nginx' };

/** Command and args of a container as one string (`sh -c "php artisan migrate"` included). */
export function commandOf(container: Record<string, unknown>): string {
  return [...asArray(container.command), ...asArray(container.args)].map(String).join(' ');
}


function laravelRole(command: string): LaravelRole | undefined {
  if (/artisan\s+schedule:(run|work)/.test(command)) return 'scheduler';
  if (/artisan\s+(queue:(work|listen)|horizon)\b/.test(command)) return 'worker';
  if (/artisan\s+migrate\b/.test(command)) return 'migrate';
  return undefined;
}

function detectContainer(resource: Resource, c: ContainerAt, labels: Record<string, string>, workspace?: Workspace): DetectedApp | undefined {
  const image = typeof c.container.image === 'string' ? c.container.image.toLowerCase() : '';
  const imageMatch = IMAGE_APPS.find(([re]) => re.test(image.replace(/^docker\.io\/|^bitnami\//, '')));
  if (imageMatch) return { app: imageMatch[1], container: c, evidence: `image ${image}` };
  const command = commandOf(c.container);
  const env = new Set(resolvedEnv(resource, c.container, c.path, workspace).keys());
  const php = /php/.test(`${image} ${command}`);
  if (/\bartisan\b/.test(command)) return { app: 'laravel', role: laravelRole(command) ?? 'api', container: c, evidence: `command ${command}` };
  if (env.has('APP_KEY') && (env.has('DB_CONNECTION') || env.has('APP_ENV') || php)) return { app: 'laravel', role: 'api', container: c, evidence: 'env APP_KEY with DB_CONNECTION, APP_ENV or a PHP image' };
  if (env.has('KEY') && env.has('SECRET') && (env.has('DB_CLIENT') || env.has('PUBLIC_URL'))) return { app: 'directus', container: c, evidence: 'env KEY, SECRET and DB_CLIENT/PUBLIC_URL' };
  const labelled = LABEL_APPS[(labels['app.kubernetes.io/name'] ?? '').toLowerCase()];
  if (labelled) return { app: labelled, ...(labelled === 'laravel' ? { role: laravelRole(command) ?? 'api' } : {}), container: c, evidence: `label app.kubernetes.io/name=${labels['app.kubernetes.io/name']}` };
  return undefined;
}

/**
 * Every recognised application among a workload's containers (init containers included). With a
 * workspace, variables from ConfigMaps (`envFrom`) count too.
 */
export function detectApps(resource: Resource, workspace?: Workspace): DetectedApp[] {
  const template = podTemplateOf(resource);
  if (!template) return [];
  const labels = { ...stringMap(valueAt(resource.value, ['metadata', 'labels'])), ...template.labels };
  return containersOf(template).flatMap((c) => detectContainer(resource, c, labels, workspace) ?? []);
}

/** The main application of a workload: the first recognised regular container, else any. */
export function detectApp(resource: Resource, workspace?: Workspace): DetectedApp | undefined {
  return mainApp(detectApps(resource, workspace));
}

function mainApp(apps: DetectedApp[]): DetectedApp | undefined {
  return apps.find((a) => a.container.path.includes('containers')) ?? apps[0];
}

export const DATABASES: ReadonlySet<App> = new Set(['mariadb', 'mysql', 'postgres', 'mongodb']);

/** A database's client tools, and `sleep` (a pod kept up to exec into), as a command word. */
const CLIENT_TOOL = /(?:^|[\s;&|(]|\/bin\/)(sleep|psql|pg_dump|pg_dumpall|pg_restore|pg_basebackup|pg_isready|mysql|mysqldump|mysqlpump|mysqladmin|mariadb|mariadb-dump|mariadb-admin|mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|redis-cli)(?=$|[\s;&|)])/;
/** The servers themselves (and the images' entrypoints): a script that starts one after a `sleep` is still the database. */
const SERVER_START = /(?:^|[\s;&|(]|\/)(mongod|mysqld|mariadbd|redis-server|pg_ctl|docker-entrypoint(?:\.sh)?)(?=$|[\s;&|)])|(?:^|exec\s+)postgres(?=$|\s)/;

/**
 * Whether a container of a database image runs a client of it (`psql`, `pg_dump`, `mongodump`,
 * `redis-cli`…) or just `sleep`s, rather than the database server: backups, migrations, debug pods.
 */
export function runsDatabaseClient(container: Record<string, unknown>): boolean {
  const command = commandOf(container);
  return CLIENT_TOOL.test(command) && !SERVER_START.test(command);
}

/** What workloadRunning needs: the objects' applications and env, derived once (rules/facts.ts). */
export interface AppFacts {
  appsOf(resource: Resource): DetectedApp[];
  envOf(resource: Resource, container: ContainerAt): Map<string, EnvValue>;
}

/** A Deployment or StatefulSet running the given application, with that container's resolved env. */
export function workloadRunning(resource: Resource, app: App, facts: AppFacts): { detected: DetectedApp; env: Map<string, EnvValue> } | undefined {
  if (resource.group !== 'apps' || !['Deployment', 'StatefulSet'].includes(resource.kind)) return undefined;
  const detected = mainApp(facts.appsOf(resource));
  if (detected?.app !== app) return undefined;
  return { detected, env: facts.envOf(resource, detected.container) };
}
