// The environment a container will see, resolved across files: plain `env` values, ConfigMap
// values (`envFrom.configMapRef`, `configMapKeyRef`) read from the workspace, and Secret-backed
// names (value unknown to us). Later definitions win, as in the kubelet (env over envFrom).
import type { FieldPath } from '../model/path';
import type { Resource } from '../model/resource';
import { namespaceOf } from '../workspace/lookup';
import { asArray, asObject } from '../workspace/pod-template';
import type { Workspace } from '../workspace/workspace';

export interface EnvValue {
  /** undefined when it comes from a Secret or from a ConfigMap not in the workspace. */
  value?: string;
  source: 'plain' | 'configmap' | 'secret' | 'other';
  /** Where to point a finding: the env value, or the envFrom entry. */
  path: FieldPath;
}

/** A ConfigMap's `data` as written (read per variable, so not copied); undefined when not in the workspace. */
function configMapData(workspace: Workspace | undefined, namespace: string, name: string): Record<string, unknown> | undefined {
  const found = workspace?.index.find('', 'ConfigMap', namespace, name)[0];
  // A ConfigMap a controller creates (producers.ts) exists, with data this table does not know.
  if (found?.producedBy) return {};
  return found ? (asObject(found.resource.value.data) ?? {}) : undefined;
}

/** A value the kubelet would put in a variable; other values are not env. */
function envString(data: Record<string, unknown> | undefined, key: string): string | undefined {
  const v = data && Object.hasOwn(data, key) ? data[key] : undefined;
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

export function resolvedEnv(resource: Resource, container: Record<string, unknown>, containerPath: FieldPath, workspace?: Workspace): Map<string, EnvValue> {
  const out = new Map<string, EnvValue>();
  const namespace = namespaceOf(resource);
  asArray(container.envFrom).forEach((e, i) => {
    const from = asObject(e);
    const prefix = typeof from?.prefix === 'string' ? from.prefix : '';
    const cm = asObject(from?.configMapRef);
    if (cm && typeof cm.name === 'string') {
      const data = configMapData(workspace, namespace, cm.name);
      for (const key of Object.keys(data ?? {})) {
        const value = envString(data, key);
        if (value !== undefined) out.set(prefix + key, { value, source: 'configmap', path: [...containerPath, 'envFrom', i, 'configMapRef', 'name'] });
      }
    }
  });
  asArray(container.env).forEach((e, i) => {
    const env = asObject(e);
    if (!env || typeof env.name !== 'string') return;
    const path = [...containerPath, 'env', i];
    if (env.value !== undefined) return void out.set(env.name, { value: String(env.value), source: 'plain', path: [...path, 'value'] });
    const ref = asObject(asObject(env.valueFrom)?.configMapKeyRef);
    if (ref && typeof ref.name === 'string' && typeof ref.key === 'string') {
      return void out.set(env.name, { value: envString(configMapData(workspace, namespace, ref.name), ref.key), source: 'configmap', path });
    }
    out.set(env.name, { source: asObject(env.valueFrom)?.secretKeyRef ? 'secret' : 'other', path });
  });
  return out;
}

/** Whether some of the container's variables are invisible to us (envFrom a Secret, or a ConfigMap not in the workspace). */
export function hasHiddenEnv(resource: Resource, container: Record<string, unknown>, workspace?: Workspace): boolean {
  const namespace = namespaceOf(resource);
  return asArray(container.envFrom).some((e) => {
    const from = asObject(e);
    if (from?.secretRef) return true;
    const cm = asObject(from?.configMapRef);
    return !!cm && (typeof cm.name !== 'string' || !configMapData(workspace, namespace, cm.name));
  });
}
