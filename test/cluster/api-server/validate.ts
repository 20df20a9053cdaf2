// A few create/update validations of the real API server, in its words, so "invalid" outcomes
// can be tested: a workload selector that does not match its template, Service port ranges.
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
  return causes;
}
