// Facts about a workload that stack rules share: how many replicas it may run (HPA included),
// which PersistentVolumeClaims back its mounts, and which Service a host name points at.
import type { FieldPath } from '../model/path';
import type { Resource } from '../model/resource';
import { namespaceOf } from '../workspace/lookup';
import { asArray, asObject, podTemplateOf, valueAt } from '../workspace/pod-template';
import type { IndexedObject } from '../workspace/indexed-object';
import type { Workspace } from '../workspace/workspace';

export interface Scaling {
  /** spec.replicas (1 when unset), or the HPA's maxReplicas when one targets the workload. */
  max: number;
  /** Where to point: spec.replicas, or the HPA's name. */
  reason: 'replicas' | 'hpa';
  hpa?: string;
}

export function scalingOf(resource: Resource, workspace?: Workspace): Scaling {
  const replicas = valueAt(resource.value, ['spec', 'replicas']);
  const declared = typeof replicas === 'number' ? replicas : 1;
  const hpa = workspace?.index.ofKind('autoscaling', 'HorizontalPodAutoscaler', namespaceOf(resource)).find((h) => {
    const ref = asObject(valueAt(h.resource.value, ['spec', 'scaleTargetRef']));
    return ref?.kind === resource.kind && ref?.name === resource.name;
  });
  const max = hpa ? Number(valueAt(hpa.resource.value, ['spec', 'maxReplicas']) ?? 1) : 0;
  return max > declared ? { max, reason: 'hpa', hpa: hpa!.name } : { max: declared, reason: 'replicas' };
}

export interface MountedVolume {
  mountPath: string;
  /** The claim behind the mount: a pod volume's claimName or a volumeClaimTemplate's name. */
  claim?: string;
  fromTemplate: boolean;
  /** The PVC object, when the workspace has it. */
  pvc?: IndexedObject;
  kind: 'pvc' | 'emptyDir' | 'hostPath' | 'configMap' | 'secret' | 'other';
}

/** The volumes mounted into a container, with what backs them. */
export function mountsOf(resource: Resource, container: Record<string, unknown>, workspace?: Workspace): MountedVolume[] {
  const template = podTemplateOf(resource);
  if (!template) return [];
  const volumes = new Map(asArray(template.spec.volumes).map((v) => [String(asObject(v)?.name), asObject(v) ?? {}]));
  const templates = new Set(asArray(valueAt(resource.value, ['spec', 'volumeClaimTemplates'])).map((t) => String(asObject(asObject(t)?.metadata)?.name)));
  return asArray(container.volumeMounts).flatMap((m): MountedVolume[] => {
    const mount = asObject(m);
    if (!mount || typeof mount.name !== 'string') return [];
    const mountPath = String(mount.mountPath ?? '');
    if (templates.has(mount.name)) return [{ mountPath, claim: mount.name, fromTemplate: true, kind: 'pvc' }];
    const volume = volumes.get(mount.name) ?? {};
    const claim = asObject(volume.persistentVolumeClaim)?.claimName;
    if (typeof claim === 'string') {
      const pvc = workspace?.index.find('', 'PersistentVolumeClaim', namespaceOf(resource), claim)[0];
      return [{ mountPath, claim, fromTemplate: false, pvc, kind: 'pvc' }];
    }
    const kind = volume.emptyDir ? 'emptyDir' : volume.hostPath ? 'hostPath' : volume.configMap ? 'configMap' : volume.secret ? 'secret' : 'other';
    return [{ mountPath, fromTemplate: false, kind: kind as MountedVolume['kind'] }];
  });
}

export function accessModesOf(pvc: IndexedObject | undefined): string[] {
  return asArray(valueAt(pvc?.resource.value, ['spec', 'accessModes'])).map(String);
}

export interface HostTarget {
  service: string;
  namespace: string;
}

/**
 * The Service a host name means inside the cluster (`mariadb`, `mariadb.shop`,
 * `mariadb.shop.svc.cluster.local`); undefined for IPs, localhost and external names.
 */
export function serviceOfHost(host: string, ownNamespace: string): HostTarget | undefined {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  if (!h || h === 'localhost' || /^[\d.]+$/.test(h) || h.includes(':') || h.includes('$') || h.includes('{')) return undefined;
  const labels = h.split('.');
  if (labels.length === 1) return { service: labels[0], namespace: ownNamespace };
  if (labels.length === 2 || labels[2] === 'svc') return { service: labels[0], namespace: labels[1] };
  return undefined; // db.example.com and other external names
}

export const pathOr = (path: FieldPath | undefined, fallback: FieldPath): FieldPath => path ?? fallback;
