// Facts about a workload that stack rules share: how many replicas it may run (HPA included),
// which PersistentVolumeClaims back its mounts, and which Service a host name points at.
import type { Resource } from '../model/resource';
import { namespaceOf } from '../workspace/lookup';
import { asArray, asObject, claimTemplateNames, podTemplateOf, valueAt } from '../workspace/pod-template';
import type { IndexedObject } from '../workspace/indexed-object';
import { scaleTargetOf } from '../workspace/references';
import type { Workspace } from '../workspace/workspace';

export interface Scaling {
  /** spec.replicas (1 when unset), or the HPA's maxReplicas when one targets the workload. */
  max: number;
  /** Where to point: spec.replicas, or the HPA's name. */
  reason: 'replicas' | 'hpa';
  hpa?: string;
}

/** The HorizontalPodAutoscalers of the workspace whose scaleTargetRef is this workload. */
export function hpasTargeting(resource: Resource, workspace?: Workspace): IndexedObject[] {
  return (workspace?.index.ofKind('autoscaling', 'HorizontalPodAutoscaler', namespaceOf(resource)) ?? []).filter((h) => {
    const target = scaleTargetOf(h.resource.value);
    return target?.group === resource.group && target.kind === resource.kind && target.name === resource.name;
  });
}

export function scalingOf(resource: Resource, workspace?: Workspace): Scaling {
  const replicas = valueAt(resource.value, ['spec', 'replicas']);
  const declared = typeof replicas === 'number' ? replicas : 1;
  const hpa = hpasTargeting(resource, workspace)[0];
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
  /**
   * What backs it: a claim; a volume source whose storage outlives the pod (`nfs`, `csi`, `rbd`,
   * a cloud disk…); or the pod volume source's field name (`emptyDir`, `hostPath`, `ephemeral`…).
   */
  kind: 'pvc' | 'persistent' | 'emptyDir' | 'hostPath' | 'configMap' | 'secret' | 'other';
  /** The pod volume source's field name (`persistentVolumeClaim`, `nfs`, `emptyDir`…); undefined for a volumeClaimTemplate. */
  source?: string;
}

/**
 * Pod volume sources whose data outlives the pod: network and block storage the volume names
 * directly (the in-tree cloud disks, NFS, Ceph, iSCSI…), and CSI and flexVolume drivers, whose
 * lifetime the driver decides (a driver for existing storage is common; nothing here can tell).
 * Not `ephemeral`: its claim is created and deleted with the pod.
 */
const PERSISTENT_SOURCES = new Set([
  'awsElasticBlockStore', 'azureDisk', 'azureFile', 'cephfs', 'cinder', 'csi', 'fc', 'flexVolume', 'flocker', 'gcePersistentDisk',
  'glusterfs', 'iscsi', 'nfs', 'photonPersistentDisk', 'portworxVolume', 'quobyte', 'rbd', 'scaleIO', 'storageos', 'vsphereVolume',
]);
const NAMED_KINDS = new Set(['emptyDir', 'hostPath', 'configMap', 'secret']);

/** The field of a pod volume that says what backs it (every key but `name`). */
function volumeSource(volume: Record<string, unknown>): string | undefined {
  return Object.keys(volume).find((k) => k !== 'name' && volume[k] !== undefined);
}

/** The volumes mounted into a container, with what backs them. */
export function mountsOf(resource: Resource, container: Record<string, unknown>, workspace?: Workspace): MountedVolume[] {
  const template = podTemplateOf(resource);
  if (!template) return [];
  const volumes = new Map(asArray(template.spec.volumes).map((v) => [String(asObject(v)?.name), asObject(v) ?? {}]));
  const templates = new Set(claimTemplateNames(resource));
  return asArray(container.volumeMounts).flatMap((m): MountedVolume[] => {
    const mount = asObject(m);
    if (!mount || typeof mount.name !== 'string') return [];
    const mountPath = String(mount.mountPath ?? '');
    if (templates.has(mount.name)) return [{ mountPath, claim: mount.name, fromTemplate: true, kind: 'pvc' }];
    const volume = volumes.get(mount.name) ?? {};
    const claim = asObject(volume.persistentVolumeClaim)?.claimName;
    if (typeof claim === 'string') {
      const pvc = workspace?.index.find('', 'PersistentVolumeClaim', namespaceOf(resource), claim)[0];
      return [{ mountPath, claim, fromTemplate: false, pvc, kind: 'pvc', source: 'persistentVolumeClaim' }];
    }
    const source = volumeSource(volume);
    const kind = !source ? 'other' : PERSISTENT_SOURCES.has(source) ? 'persistent' : NAMED_KINDS.has(source) ? source : 'other';
    return [{ mountPath, fromTemplate: false, kind: kind as MountedVolume['kind'], source }];
  });
}

/** Whether the data written there survives the pod being replaced: a claim or storage that outlives the pod. */
export function outlivesPod(mount: MountedVolume): boolean {
  return mount.kind === 'pvc' || mount.kind === 'persistent';
}

/** "an emptyDir volume", "a hostPath volume", "an ephemeral volume (…)": for messages. */
export function volumeDescription(mount: MountedVolume): string {
  const what = mount.source ?? 'volumeClaimTemplate';
  const detail = what === 'ephemeral' ? ' (its claim is deleted with the pod)' : '';
  return `${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what} volume${detail}`;
}

export function accessModesOf(pvc: IndexedObject | undefined): string[] {
  return asArray(valueAt(pvc?.resource.value, ['spec', 'accessModes'])).map(String);
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** In the pod itself (a sidecar) or an address that is not a Service name. */
const NOT_A_SERVICE = /^(localhost|127\.\d+\.\d+\.\d+|\d+\.\d+\.\d+\.\d+|\[.*\])$/i;

export interface HostTarget {
  name: string;
  namespace: string;
}

/**
 * The Service a host name means inside the cluster (`mariadb`, `mariadb.shop`,
 * `mariadb.shop.svc.cluster.local`); undefined for IPs, localhost, variables and external names.
 * `name.namespace` counts only for a namespace the workspace knows: `example.com` is a host.
 */
export function serviceOfHost(host: string, ownNamespace: string, workspace: Workspace): HostTarget | undefined {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  if (!h || NOT_A_SERVICE.test(h)) return undefined;
  const labels = h.split('.');
  if (!labels.every((l) => DNS_LABEL.test(l))) return undefined;
  if (labels.length === 1) return { name: labels[0], namespace: ownNamespace };
  if (labels.length >= 3 && labels[2] === 'svc') return { name: labels[0], namespace: labels[1] };
  if (labels.length === 2 && (labels[1] === ownNamespace || knowsNamespace(workspace, labels[1]))) return { name: labels[0], namespace: labels[1] };
  return undefined;
}

function knowsNamespace(workspace: Workspace, namespace: string): boolean {
  return workspace.index.find('', 'Namespace', '', namespace).length > 0 || workspace.index.objects.some((o) => o.namespace === namespace);
}

/** Whether a Service's ports limit what a client can reach: not for headless (pod IPs) or ExternalName. */
export function portsMatter(service: IndexedObject): boolean {
  const spec = asObject(service.resource.value.spec) ?? {};
  return spec.type !== 'ExternalName' && spec.clusterIP !== 'None';
}
