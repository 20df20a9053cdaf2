import type { ResourceContext, Report, Rule } from './rule';
import { validateAgainstSchema } from '../schema/validate';
import { rangeOfPath } from '../model/path';
import { portRangeViolations } from '../schema/ports';

export const schema: Rule = {
  meta: {
    id: 'schema',
    severity: 'error',
    scope: 'document',
    fixable: true,
    description: 'Types, required fields, unknown fields and enum values from the Kubernetes 1.35 OpenAPI schema.',
    docs: [
      'Each object is validated against the bundled OpenAPI schema of its apiVersion and kind, strictly,',
      'like `kubectl apply --validate=strict`: unknown fields are errors, as are wrong types, missing',
      'required fields and values outside an enum ("Possible enum values" in the API docs).',
      'Port numbers outside 1–65535 are reported in the API server\'s words.',
      'Kinds with no schema (CRDs whose definition is not in the workspace) get one information',
      'diagnostic, never errors. A field set to `null` counts as absent, as on the API server.',
      '',
      '```yaml',
      'containers:',
      '  - name: web',
      '    imagePullPolcy: Always   # unknown field "spec.containers[0].imagePullPolcy"',
      '```',
    ].join('\n'),
  },
  checkResource(ctx: ResourceContext): Report[] {
    const { resource, catalog } = ctx;
    const entry = catalog.entry(resource.group, resource.version, resource.kind);
    if (!entry) {
      // A known kind under a wrong apiVersion is the api-version rule's finding.
      if (catalog.entriesForKind(resource.kind).length > 0) return [];
      return [{ path: ['kind'], at: 'value', severity: 'info', message: `no schema for kind ${resource.kind} (apiVersion ${resource.apiVersion}); its fields are not checked` }];
    }
    const validate = catalog.validator(entry);
    if (!validate) return [];
    const reports: Report[] = validateAgainstSchema(validate, resource.value).map((v) => {
      const report: Report = { path: v.path, at: v.at, message: v.message };
      if (v.suggestion) {
        const range = rangeOfPath(resource.node, v.path, 'key');
        if (range) {
          report.message += ` (did you mean "${v.suggestion}"?)`;
          report.fixes = [{ title: `Change to "${v.suggestion}"`, edits: [{ start: range[0], end: range[1], newText: v.suggestion }], preferred: true }];
        }
      }
      return report;
    });
    // Custom resources define their own meaning for fields named "port".
    return entry.source === 'builtin' ? [...reports, ...portRangeViolations(resource.value)] : reports;
  },
};
