import type { Report, DocumentContext, Rule } from './rule';
import type { FieldPath } from '../model/path';
import { formatPath } from '../model/path';
import { asArray, asObject, containersOf, podTemplateOf, valueAt } from '../workspace/pod-template';

export const duplicateKeyValues: Rule = {
  meta: {
    id: 'duplicate-key-values',
    severity: 'warning',
    scope: 'document',
    checksPatches: true,
    description: 'Duplicate env names, container names, container ports, volume names, mount paths and Service ports.',
    docs: [
      'Lists keyed by name must not repeat a name. Duplicate container, volume and port names are',
      'refused by the API server (`Duplicate value`); a duplicate env name is accepted and the last',
      'one silently wins, which is rarely what was meant.',
      '',
      '```yaml',
      'env:',
      '  - name: LOG_LEVEL',
      '    value: info',
      '  - name: LOG_LEVEL   # Duplicate value: "LOG_LEVEL"',
      '    value: debug',
      '```',
    ].join('\n'),
  },
  checkResource(ctx: DocumentContext): Report[] {
    const reports: Report[] = [];
    const template = podTemplateOf(ctx.resource);
    if (template) {
      const containers = containersOf(template);
      reports.push(...duplicates(containers.map((c) => [c.container.name, [...c.path, 'name']] as const)));
      reports.push(...duplicates(asArray(template.spec.volumes).map((v, i) => [asObject(v)?.name, [...template.specPath, 'volumes', i, 'name']] as const)));
      for (const { container, path } of containers) {
        reports.push(...duplicates(asArray(container.env).map((e, i) => [asObject(e)?.name, [...path, 'env', i, 'name']] as const)));
        reports.push(...duplicates(asArray(container.volumeMounts).map((m, i) => [asObject(m)?.mountPath, [...path, 'volumeMounts', i, 'mountPath']] as const)));
        reports.push(...duplicates(asArray(container.ports).map((p, i) => [asObject(p)?.name, [...path, 'ports', i, 'name']] as const)));
        reports.push(...duplicates(asArray(container.ports).map((p, i) => [portKey(asObject(p), 'containerPort'), [...path, 'ports', i, 'containerPort']] as const)));
      }
    }
    if (ctx.resource.kind === 'Service' && ctx.resource.group === '') {
      const ports = asArray(valueAt(ctx.resource.value, ['spec', 'ports']));
      reports.push(...duplicates(ports.map((p, i) => [asObject(p)?.name, ['spec', 'ports', i, 'name']] as const)));
      reports.push(...duplicates(ports.map((p, i) => [portKey(asObject(p), 'port'), ['spec', 'ports', i, 'port']] as const)));
    }
    return reports;
  },
};

/** A port number with its protocol: TCP 53 and UDP 53 are different ports. */
function portKey(port: Record<string, unknown> | undefined, field: string): string | undefined {
  const n = port?.[field];
  if (typeof n !== 'number') return undefined;
  return `${n}/${typeof port?.protocol === 'string' ? port.protocol : 'TCP'}`;
}

/** Every occurrence after the first of a repeated value. */
function duplicates(items: readonly (readonly [unknown, FieldPath])[]): Report[] {
  const seen = new Set<string>();
  const out: Report[] = [];
  for (const [value, path] of items) {
    if (typeof value !== 'string' || value === '') continue;
    if (seen.has(value)) {
      const shown = value.endsWith('/TCP') ? value.slice(0, -4) : value;
      out.push({ path, at: 'value', message: `${formatPath(path)}: Duplicate value: ${JSON.stringify(shown)}` });
    }
    seen.add(value);
  }
  return out;
}
