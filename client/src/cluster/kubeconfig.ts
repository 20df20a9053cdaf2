// Which kubeconfig files apply and what they contain. Read-only by design: nothing here (or
// anywhere in Kubesight) writes a kubeconfig; the chosen context lives in the workspace state.
import { KubeConfig, type Context, type User } from '@kubernetes/client-node';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

export interface ExecPlugin {
  command: string;
  args: string[];
  /** The kubeconfig file that defines the user with this plugin. */
  source: string;
}

export interface ContextInfo {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  server?: string;
  exec?: ExecPlugin;
}

export interface LoadedKubeconfig {
  paths: string[];
  contexts: ContextInfo[];
  currentContext?: string;
  /** Files that could not be read or parsed, with the reason; `missing`: the one file named is not there. */
  problems: { file: string; message: string; missing?: boolean }[];
  /** A fresh client-node KubeConfig for one context (the current one of a copy, never saved). */
  forContext(context: string): KubeConfig | undefined;
}

export interface KubeconfigEnv {
  setting?: string;
  KUBECONFIG?: string;
  home: string;
}

/** `kubesight.kubeconfig`, else every file of `KUBECONFIG`, else `~/.kube/config` (kubectl's order). */
export function kubeconfigPaths(env: KubeconfigEnv): string[] {
  const expand = (p: string) => (p.startsWith('~') ? join(env.home, p.slice(1)) : isAbsolute(p) ? p : resolve(p));
  if (env.setting?.trim()) return [expand(env.setting.trim())];
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  if (fromEnv.length) return [...new Set(fromEnv.map(expand))];
  return [join(env.home, '.kube', 'config')];
}

/**
 * Loads and merges the files like kubectl: the first file to define a cluster, user or context
 * wins, and the first file with a current-context sets it. `exists`/`load` are injected so tests
 * and the extension decide how files are read.
 */
export function loadKubeconfig(paths: string[], exists: (file: string) => boolean): LoadedKubeconfig {
  const merged = new KubeConfig();
  const problems: LoadedKubeconfig['problems'] = [];
  const userSource = new Map<string, string>();
  let currentContext: string | undefined;
  for (const file of paths) {
    if (!exists(file)) {
      if (paths.length === 1) problems.push({ file, message: `no kubeconfig at ${file}`, missing: true });
      continue;
    }
    const one = new KubeConfig();
    try {
      one.loadFromFile(file);
    } catch (e) {
      problems.push({ file, message: `cannot read ${file}: ${(e as Error).message}` });
      continue;
    }
    for (const c of one.getClusters()) if (!merged.getCluster(c.name)) merged.addCluster(c);
    for (const u of one.getUsers()) {
      if (merged.getUser(u.name)) continue;
      merged.addUser(u);
      userSource.set(u.name, file);
    }
    for (const c of one.getContexts()) if (!merged.getContextObject(c.name)) merged.addContext(c);
    currentContext ??= one.getCurrentContext() || undefined;
  }
  const contexts = merged.getContexts().map((c) => describeContext(merged, c, userSource));
  return {
    paths,
    contexts,
    currentContext: contexts.some((c) => c.name === currentContext) ? currentContext : contexts[0]?.name,
    problems,
    forContext(context) {
      if (!merged.getContextObject(context)) return undefined;
      const copy = new KubeConfig();
      copy.loadFromOptions({ clusters: merged.getClusters(), users: merged.getUsers(), contexts: merged.getContexts(), currentContext: context });
      return copy;
    },
  };
}

function describeContext(kc: KubeConfig, c: Context, userSource: Map<string, string>): ContextInfo {
  const user: User | null = kc.getUser(c.user);
  const exec = user?.exec as { command?: string; args?: string[] } | undefined;
  return {
    name: c.name,
    cluster: c.cluster,
    user: c.user,
    namespace: c.namespace,
    server: kc.getCluster(c.cluster)?.server,
    ...(exec?.command ? { exec: { command: exec.command, args: exec.args ?? [], source: userSource.get(c.user) ?? '' } } : {}),
  };
}
