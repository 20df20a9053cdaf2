// A few create/update validations of the real API server, in its words, so "invalid" outcomes
// can be tested: a workload selector that does not match its template, Service port ranges, volume
// file modes out of range (what `defaultMode: 644` read as decimal is).
import type { Obj } from './store';

export interface Cause {
  field: string;
  message: string;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

export function validateObject(o: Obj): Cause[] {
  const causes: Cause[] = [];
  if (WORKLOADS.has(o.kind)) {
    const selector = (o.spec?.selector?.matchLabels ?? {}) as Record<string, string>;
    const labels = (o.spec?.template?.metadata?.labels ?? {}) as Record<string, string>;
    if (Object.entries(selector).some(([k, v]) => labels[k] !== v)) {
      causes.push({ field: 'spec.template.metadata.labels', message: `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\`` });
    }
  }
  if (o.kind === 'Service') {
    ((o.spec?.ports ?? []) as Obj[]).forEach((p, i) => {
      if (typeof p.port !== 'number' || p.port < 1 || p.port > 65535) causes.push({ field: `spec.ports[${i}].port`, message: `Invalid value: ${JSON.stringify(p.port)}: must be between 1 and 65535, inclusive` });
    });
  }
  causes.push(...fileModeCauses(o));
  return causes;
}

const POD_TEMPLATE_KINDS = new Set([...WORKLOADS, 'Job']);
const FILE_MODE_SOURCES = ['secret', 'configMap', 'projected', 'downwardAPI'];

/** The API server's check of volume `defaultMode`: 0 to 0777 (511). */
function fileModeCauses(o: Obj): Cause[] {
  const [spec, at] = o.kind === 'Pod' ? [o.spec, 'spec'] : POD_TEMPLATE_KINDS.has(o.kind) ? [o.spec?.template?.spec, 'spec.template.spec'] : [undefined, ''];
  return ((spec?.volumes ?? []) as Obj[]).flatMap((v, i) =>
    FILE_MODE_SOURCES.flatMap((source) => {
      const mode = (v[source] as Obj | undefined)?.defaultMode;
      return mode === undefined || (typeof mode === 'number' && mode >= 0 && mode <= 0o777)
        ? []
        : [{ field: `${at}.volumes[${i}].${source}.defaultMode`, message: `Invalid value: ${JSON.stringify(mode)}: must be a number between 0 and 0777 (octal), both inclusive` }];
    }),
  );
}
