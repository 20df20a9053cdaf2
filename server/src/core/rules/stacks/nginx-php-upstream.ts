import type { Severity } from '../../findings';
import { locate } from '../../model/path';
import type { Report, WorkspaceContext, Rule } from '../rule';
import { asArray, asObject, containersOf, valueAt, type PodTemplate } from '../../workspace/pod-template';
import { clusterLookup, missingSeverity, namespaceOf, searchedWhere, targets } from '../../workspace/lookup';
import type { IndexedObject } from '../../workspace/indexed-object';
import type { Workspace } from '../../workspace/workspace';
import { portsMatter, serviceOfHost } from '../../stacks/workload';

/** nginx images: `nginx`, `nginxinc/nginx-unprivileged`, `bitnami/nginx`, `openresty/openresty`… */
const NGINX_IMAGE = /nginx|openresty/i;

/** One php-fpm address written in the nginx configuration, with where it is written. */
interface Address {
  key: string;
  /** As written: `shop-api:9000`. */
  text: string;
  /** The directive for messages: `fastcgi_pass shop-api:9000`, `fastcgi_pass php (upstream server shop-api:9000)`. */
  directive: string;
  /** Offset of `text` in the data value. */
  index: number;
  host: string;
  port: number;
}

export const nginxPhpUpstream: Rule = {
  meta: {
    id: 'nginx-php-upstream',
    severity: 'warning',
    scope: 'stack',
    description: 'An nginx ConfigMap whose `fastcgi_pass host:port` names no Service of the workspace, or a port the Service does not have.',
    docs: [
      'In a Laravel (or any PHP) stack nginx serves the static files and hands PHP requests to',
      'php-fpm with `fastcgi_pass <service>:<port>;`. When the name or the port does not match the',
      'php-fpm Service, nginx starts fine and answers every PHP request with 502 Bad Gateway.',
      '',
      'The rule reads the ConfigMaps mounted (as a `configMap` or `projected` volume) by an nginx',
      'workload of the workspace, follows `upstream` blocks, and looks the host up as a Service in',
      'the ConfigMap\'s namespace (`name.namespace` and `name.namespace.svc.cluster.local` name another',
      'namespace). `127.0.0.1`/`localhost` (a php-fpm container in the same pod), IP addresses, `unix:`',
      'sockets, `$variables` and external host names are not checked; neither are the ports of',
      'headless and ExternalName Services. When only some files are open, a missing Service is',
      'information: it may be in a file not opened.',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, workspace } = ctx;
    if (!workspace || resource.kind !== 'ConfigMap' || resource.group !== '' || !resource.name) return [];
    const namespace = namespaceOf(resource);
    const nginx = workspace.index.podTemplatesIn(namespace).filter((o) => isNginx(o.template!) && mounts(o.template!, resource.name!));
    if (nginx.length === 0) return [];
    const data = Object.entries(asObject(resource.value.data) ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
    const readers = nginx.map((o) => `${o.kind} "${o.name}"`).join(', ');
    return phpAddresses(data).flatMap((address): Report[] => {
      const problem = checkAddress(ctx, workspace, namespace, address);
      if (!problem) return [];
      const range = rangeOf(ctx, address);
      return [{ ...(range ? { range } : { path: ['data', address.key], at: 'key' as const }), severity: problem.severity, message: `${address.directive}: ${problem.message}; nginx (${readers}) cannot reach php-fpm` }];
    });
  },
};

function isNginx(template: PodTemplate): boolean {
  return containersOf(template).some(({ container }) => typeof container.image === 'string' && NGINX_IMAGE.test(container.image.replace(/[@:][^/]*$/, '')));
}

function mounts(template: PodTemplate, configMap: string): boolean {
  return asArray(template.spec.volumes).some((v) => {
    const volume = asObject(v) ?? {};
    if (valueAt(volume, ['configMap', 'name']) === configMap) return true;
    return asArray(valueAt(volume, ['projected', 'sources'])).some((s) => valueAt(s, ['configMap', 'name']) === configMap);
  });
}

/** Every `fastcgi_pass host:port` of the ConfigMap, through `upstream name { server host:port; }` blocks. */
function phpAddresses(data: [string, string][]): Address[] {
  // Comments blanked out, offsets kept.
  const files = data.map(([key, text]) => ({ key, code: text.replace(/#[^\n]*/g, (c) => ' '.repeat(c.length)) }));
  const upstreams = new Map<string, Address[]>();
  for (const { key, code } of files) {
    for (const block of code.matchAll(/\bupstream\s+([^\s{]+)\s*\{([^}]*)\}/g)) {
      const body = block.index + block[0].indexOf('{') + 1;
      const servers = [...block[2].matchAll(/\bserver(\s+)([^\s;]+)/g)].flatMap((s) => address(key, s[2], body + s.index + 'server'.length + s[1].length, `fastcgi_pass ${block[1]} (upstream server ${s[2]})`));
      upstreams.set(block[1], [...(upstreams.get(block[1]) ?? []), ...servers]);
    }
  }
  const all = files.flatMap(({ key, code }) =>
    [...code.matchAll(/\bfastcgi_pass(\s+)([^\s;]+)\s*;/g)].flatMap((m) => upstreams.get(m[2]) ?? address(key, m[2], m.index + 'fastcgi_pass'.length + m[1].length, `fastcgi_pass ${m[2]}`)),
  );
  // An upstream used by several locations is reported once.
  return all.filter((a, i) => all.findIndex((b) => b.key === a.key && b.index === a.index) === i);
}

/** A `host:port` address; [] for sockets, variables and addresses without a port. */
function address(key: string, text: string, index: number, directive: string): Address[] {
  if (text.includes('$') || text.startsWith('unix:')) return [];
  const m = /^([^:]+):(\d+)$/.exec(text);
  return m ? [{ key, text, directive, index, host: m[1].replace(/\.$/, '').toLowerCase(), port: Number(m[2]) }] : [];
}

function checkAddress(ctx: WorkspaceContext, workspace: Workspace, namespace: string, address: Address): { message: string; severity?: Severity } | undefined {
  const service = serviceOfHost(address.host, namespace, workspace);
  if (!service) return undefined;
  const found = targets(workspace, '', 'Service', service.namespace, service.name);
  if (found.length === 0) {
    const cluster = clusterLookup(workspace, ctx.resource, { group: '', kind: 'Service', ...service }, false);
    if (cluster?.object) {
      const ports = cluster.object.ports;
      return ports && ports.length && !ports.some((p) => p.port === address.port)
        ? { message: `Service "${service.name}" in ${cluster.where} has no port ${address.port} (ports: ${describe(ports)})` }
        : undefined;
    }
    return { severity: missingSeverity(workspace, 'warning'), message: `Service "${service.name}" not found in ${searchedWhere(workspace, service.namespace)}${cluster ? ` or in ${cluster.where}` : ''}` };
  }
  return found[0].producedBy ? undefined : portProblem(found[0], service.name, address.port);
}

function portProblem(service: IndexedObject, name: string, port: number): { message: string } | undefined {
  if (!portsMatter(service)) return undefined;
  const ports = service.servicePorts ?? [];
  if (ports.some((p) => p.port === port)) return undefined;
  return { message: `Service "${name}" has no port ${port} (ports: ${describe(ports)})` };
}

function describe(ports: readonly { name?: string; port?: number }[]): string {
  return ports.map((p) => (p.name ? `${p.name}/${p.port}` : String(p.port))).join(', ') || 'none';
}

/** Absolute offsets of the address in the file: the same occurrence in the scalar's source text. */
function rangeOf(ctx: WorkspaceContext, address: Address): readonly [number, number] | undefined {
  const node = locate(ctx.resource.node, ['data', address.key]).node;
  if (!node?.range) return undefined;
  const value = String(asObject(ctx.resource.value.data)?.[address.key] ?? '');
  let occurrence = 0;
  for (let i = value.indexOf(address.text); i >= 0 && i < address.index; i = value.indexOf(address.text, i + 1)) occurrence++;
  const source = ctx.file.text.slice(node.range[0], node.range[1]);
  let at = source.indexOf(address.text);
  for (let n = 0; n < occurrence && at >= 0; n++) at = source.indexOf(address.text, at + 1);
  return at < 0 ? undefined : [node.range[0] + at, node.range[0] + at + address.text.length];
}
