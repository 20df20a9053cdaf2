import type { Report, WorkspaceContext, Rule } from '../rule';
import { portsMatter, serviceOfHost } from '../../stacks/workload';
import { clusterLookup, missingSeverity, searchedWhere } from '../../workspace/lookup';

/** Host variables of the stacks we know, with the port variable that goes with each. */
const HOSTS: [host: string, port: string][] = [
  ['DB_HOST', 'DB_PORT'],
  ['REDIS_HOST', 'REDIS_PORT'],
  ['CACHE_REDIS_HOST', 'CACHE_REDIS_PORT'],
  ['MAIL_HOST', 'MAIL_PORT'],
  ['MEMCACHED_HOST', 'MEMCACHED_PORT'],
];

export const serviceHost: Rule = {
  meta: {
    id: 'service-host',
    severity: 'warning',
    scope: 'stack',
    description: 'Laravel/Directus `DB_HOST`, `REDIS_HOST`… naming a Service that does not exist, or a port it does not serve.',
    docs: [
      'Laravel and Directus reach their database and Redis through `DB_HOST`/`DB_PORT`,',
      '`REDIS_HOST`/`REDIS_PORT` (plain env or a ConfigMap). Inside the cluster the host is a Service',
      'name (`mariadb`, `mariadb.shop`, `mariadb.shop.svc.cluster.local`). A typo, or a Service that',
      'was never written, shows up only as `Connection refused` or `getaddrinfo ENOTFOUND` at run',
      'time. IP addresses, `localhost` and external names (`db.example.com`) are not checked.',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, workspace, facts } = ctx;
    if (!workspace) return [];
    const apps = facts.appsOf(resource).filter((a) => (a.app === 'laravel' || a.app === 'directus') && a.container.path.includes('containers'));
    return apps.flatMap((a) => {
      const env = facts.envOf(resource, a.container);
      return HOSTS.flatMap(([hostVar, portVar]): Report[] => {
        const host = env.get(hostVar);
        if (host?.value === undefined) return [];
        const target = serviceOfHost(host.value, resource.namespace || 'default', workspace);
        if (!target) return [];
        const services = workspace.index.find('', 'Service', target.namespace, target.name);
        const where = host.source === 'configmap' ? ` (from a ConfigMap)` : '';
        if (!services.length) {
          const cluster = clusterLookup(workspace, resource, { group: '', kind: 'Service', name: target.name, namespace: target.namespace }, false);
          if (cluster?.object) return [];
          const scope = `${searchedWhere(workspace, target.namespace)}${cluster ? ` or in ${cluster.where}` : ''}`;
          return [{ path: host.path, severity: missingSeverity(workspace, 'warning'), message: `${hostVar}=${host.value}${where} names Service "${target.name}", which is not in ${scope}` }];
        }
        if (services[0].producedBy) return [];
        const port = Number(env.get(portVar)?.value);
        const ports = services[0].servicePorts ?? [];
        if (!Number.isInteger(port) || port <= 0 || !portsMatter(services[0]) || ports.some((p) => p.port === port)) return [];
        return [{ path: env.get(portVar)!.path, message: `${portVar}=${port} but Service "${target.name}" serves ${ports.map((p) => p.port).join(', ') || 'no ports'}` }];
      });
    });
  },
};
