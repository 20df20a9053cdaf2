import type { FieldPath } from '../model/path';

/** The kind an object-name field refers to, recognised from the end of its path. */
export function referencedKind(path: FieldPath): { group: string; kind: string } | undefined {
  const [a, b, c] = [path[path.length - 3], path[path.length - 2], path[path.length - 1]];
  if (c === 'name' && (b === 'configMapKeyRef' || b === 'configMapRef' || b === 'configMap')) return { group: '', kind: 'ConfigMap' };
  if (c === 'name' && (b === 'secretKeyRef' || b === 'secretRef' || (b === 'secret' && a !== undefined))) return { group: '', kind: 'Secret' };
  if (c === 'secretName') return { group: '', kind: 'Secret' };
  if (c === 'name' && typeof b === 'number' && a === 'imagePullSecrets') return { group: '', kind: 'Secret' };
  if (c === 'claimName') return { group: '', kind: 'PersistentVolumeClaim' };
  if (c === 'serviceAccountName' || c === 'serviceAccount') return { group: '', kind: 'ServiceAccount' };
  if (c === 'name' && b === 'service' && a === 'backend') return { group: '', kind: 'Service' };
  if (c === 'name' && b === 'service' && a === 'defaultBackend') return { group: '', kind: 'Service' };
  if (c === 'serviceName' && path[0] === 'spec' && path.length === 2) return { group: '', kind: 'Service' };
  if (c === 'ingressClassName') return { group: 'networking.k8s.io', kind: 'IngressClass' };
  // Gateway API references, with the API's default kinds (a parentRef is a Gateway, a backendRef a Service).
  if (c === 'name' && typeof b === 'number' && a === 'parentRefs') return { group: 'gateway.networking.k8s.io', kind: 'Gateway' };
  if (c === 'name' && typeof b === 'number' && a === 'backendRefs') return { group: '', kind: 'Service' };
  if (c === 'name' && typeof b === 'number' && a === 'certificateRefs') return { group: '', kind: 'Secret' };
  if (c === 'gatewayClassName') return { group: 'gateway.networking.k8s.io', kind: 'GatewayClass' };
  return undefined;
}

/** `…configMapKeyRef.key` / `…secretKeyRef.key` / `…items[i].key`: the kind whose keys are meant and where its name is. */
export function keyReference(path: FieldPath): { kind: 'ConfigMap' | 'Secret'; namePath: FieldPath } | undefined {
  const last = path[path.length - 1];
  if (last !== 'key') return undefined;
  const parent = path[path.length - 2];
  if (parent === 'configMapKeyRef') return { kind: 'ConfigMap', namePath: [...path.slice(0, -1), 'name'] };
  if (parent === 'secretKeyRef') return { kind: 'Secret', namePath: [...path.slice(0, -1), 'name'] };
  if (typeof parent === 'number' && path[path.length - 3] === 'items') {
    const source = path[path.length - 4];
    if (source === 'configMap') return { kind: 'ConfigMap', namePath: [...path.slice(0, -3), 'name'] };
    if (source === 'secret') return { kind: 'Secret', namePath: [...path.slice(0, -3), 'secretName'] };
  }
  return undefined;
}
