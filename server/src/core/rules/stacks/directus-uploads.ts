import type { Report, WorkspaceContext, Rule } from '../rule';
import { workloadRunning } from '../../stacks/detect';
import { hasHiddenEnv } from '../../stacks/env';
import { accessModesOf, mountsOf, scalingOf, volumeDescription } from '../../stacks/workload';

const DEFAULT_UPLOADS = '/directus/uploads';

export const directusUploads: Rule = {
  meta: {
    id: 'directus-uploads',
    severity: 'warning',
    scope: 'stack',
    description: 'Directus with local file storage and several replicas, without a ReadWriteMany volume for uploads.',
    docs: [
      'Directus stores uploaded files on local disk by default (`STORAGE_LOCATIONS: local`, root',
      '`/directus/uploads`). With more than one replica (or an HPA) a file uploaded through one pod is',
      'missing in the others unless the uploads directory is one shared ReadWriteMany volume. Use a',
      'ReadWriteMany PersistentVolumeClaim, or object storage (`STORAGE_LOCATIONS: s3` …).',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, workspace, facts } = ctx;
    const directus = workloadRunning(resource, 'directus', facts);
    if (!directus) return [];
    const { detected: app, env } = directus;
    const scaling = scalingOf(resource, workspace);
    if (scaling.max <= 1) return [];
    const locations = env.get('STORAGE_LOCATIONS');
    if (locations ? locations.value === undefined || !locations.value.split(',').map((l) => l.trim()).includes('local') : hasHiddenEnv(resource, app.container.container, workspace)) return [];
    const driver = env.get('STORAGE_LOCAL_DRIVER');
    if (driver && driver.value !== 'local') return [];
    const root = (env.get('STORAGE_LOCAL_ROOT')?.value ?? DEFAULT_UPLOADS).replace(/^\.\//, '/directus/').replace(/\/+$/, '');
    const mount = mountsOf(resource, app.container.container, workspace).find((m) => root === m.mountPath.replace(/\/+$/, '') || root.startsWith(`${m.mountPath.replace(/\/+$/, '')}/`));
    const replicas = scaling.reason === 'hpa' ? `HorizontalPodAutoscaler "${scaling.hpa}" scales it to ${scaling.max} replicas` : `${scaling.max} replicas`;
    const at = scaling.reason === 'replicas' ? (['spec', 'replicas'] as const) : [...app.container.path, 'image'];
    if (!mount) return [{ path: [...at], message: `Directus stores uploads on local disk (${root}) with ${replicas} and no shared volume there: files uploaded through one pod are missing in the others; mount a ReadWriteMany PersistentVolumeClaim or use object storage` }];
    if (mount.kind === 'persistent') return []; // nfs, csi, a cloud disk: whether pods share it depends on the storage
    if (mount.kind !== 'pvc' || mount.fromTemplate) return [{ path: [...at], message: `Directus uploads (${root}) are on ${mount.fromTemplate ? 'a per-pod volumeClaimTemplate volume' : volumeDescription(mount)} with ${replicas}: each pod sees different files; use one ReadWriteMany PersistentVolumeClaim or object storage` }];
    if (!mount.pvc) return []; // the claim is elsewhere: we cannot tell its access mode
    const modes = accessModesOf(mount.pvc);
    if (modes.includes('ReadWriteMany')) return [];
    return [{ path: [...at], message: `Directus uploads (${root}) are on PersistentVolumeClaim "${mount.claim}" (${modes.join(', ') || 'no access mode'}) with ${replicas}: pods on other nodes cannot mount it; use ReadWriteMany or object storage` }];
  },
};
