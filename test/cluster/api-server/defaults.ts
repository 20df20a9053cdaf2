// What the API server adds on create: defaults of the kinds the tests use and a ClusterIP.
import { podTemplate } from '../../../server/src/core/immutable/defaults';
import type { Obj } from './store';

const withDefaults = (o: Obj | undefined, d: Obj): Obj => ({ ...d, ...(o ?? {}) });

export function applyDefaults(object: Obj, allocateIP: () => string): Obj {
  const spec = object.spec as Obj | undefined;
  switch (object.kind) {
    case 'Deployment':
      return {
        ...object,
        spec: {
          ...withDefaults(spec, { replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } } }),
          template: podTemplate(spec?.template),
        },
        status: object.status ?? {},
      };
    case 'StatefulSet':
    case 'DaemonSet':
      return { ...object, spec: { ...withDefaults(spec, { revisionHistoryLimit: 10 }), template: podTemplate(spec?.template) }, status: object.status ?? {} };
    case 'Job':
      return { ...object, spec: { ...withDefaults(spec, { backoffLimit: 6, completions: 1, parallelism: 1, completionMode: 'NonIndexed', suspend: false }), template: podTemplate(spec?.template) }, status: object.status ?? {} };
    case 'Pod':
      return { ...object, spec: (podTemplate({ spec }) as Obj).spec, status: object.status ?? { phase: 'Pending' } };
    case 'Service': {
      const ports = ((spec?.ports ?? []) as Obj[]).map((p) => withDefaults(p, { protocol: 'TCP', targetPort: p.port }));
      const headless = spec?.clusterIP === 'None';
      return { ...object, spec: { ...withDefaults(spec, { type: 'ClusterIP', sessionAffinity: 'None', clusterIP: headless ? 'None' : allocateIP() }), ports }, status: { loadBalancer: {} } };
    }
    case 'Secret': {
      // The API server folds stringData into data (base64) and never stores stringData.
      const { stringData, ...rest } = object;
      const encoded = Object.fromEntries(Object.entries((stringData ?? {}) as Obj).map(([k, v]) => [k, Buffer.from(String(v)).toString('base64')]));
      return withDefaults({ ...rest, ...(stringData || rest.data ? { data: { ...(rest.data ?? {}), ...encoded } } : {}) }, { type: 'Opaque' });
    }
    case 'Namespace':
      return { ...object, status: { phase: 'Active' } };
    default:
      return object;
  }
}
