import type { DocumentContext, Report, Rule } from './rule';
import { stripNullFields, validateAgainstSchema } from '../schema/validate';
import { containerImageViolations, crdSchemaTypeViolations } from '../schema/api-checks';
import { listMapDuplicates } from '../schema/list-maps';
import { celViolations } from '../schema/cel';
import type { SchemaNode } from '../schema/navigate';
import { podTemplateOf } from '../workspace/pod-template';
import { rangeOfPath } from '../model/path';
import { portRangeViolations } from '../schema/ports';
import { apiVersionStatus } from '../schema/served-versions';
import { fieldHistory } from '../schema/version-history';

export const schema: Rule = {
  meta: {
    id: 'schema',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    fixable: true,
    description: 'Types, required fields, unknown fields and enum values from the OpenAPI schema of the target Kubernetes version (1.30–1.35).',
    docs: [
      'Each object is validated against the bundled OpenAPI schema of its apiVersion and kind in the',
      'target Kubernetes version (`--kube-version`, the `kubesight.kubernetesVersion` setting or',
      '`kubernetesVersion` in .kubesight.yaml; else the connected cluster\'s version; else the newest',
      'bundled, 1.35), strictly,',
      'like `kubectl apply --validate=strict`: unknown fields are errors, as are wrong types, missing',
      'required fields and values outside an enum ("Possible enum values" in the API docs).',
      'Beyond OpenAPI, the API server\'s own checks: port numbers outside 1–65535, containers without',
      'an image; for custom resources, two items with the same key in a keyed list',
      '(`x-kubernetes-list-map-keys`) and the CRD\'s CEL rules (`x-kubernetes-validations`).',
      'A custom resource whose CRD sits in another folder of the workspace (a samples repository',
      'holds CRDs of several operator releases) gets unknown fields as warnings naming that CRD,',
      'unless the field is a near miss of a known one ("did you mean"), which stays an error.',
      'Custom resources without their CRD in the workspace are checked against the connected',
      'cluster\'s schema (`/openapi/v3`), else the bundled catalog of operator CRDs (Gateway API,',
      'cert-manager, Prometheus operator, Argo CD and Rollouts, Flux, External Secrets, Sealed',
      'Secrets, KEDA, Traefik, Istio, Knative Serving, CloudNativePG, Strimzi): the catalog holds one',
      'release of each, so an unknown field that is no near miss is a warning there too.',
      'A field that the target does not have but another release does says so: `unknown field',
      '"spec.template.spec.containers[0].lifecycle.stopSignal" (added in Kubernetes 1.33; the target',
      'is 1.31)`.',
      'Kinds with no schema (CRDs whose definition is not in the workspace) get one information',
      'diagnostic, never errors. A field set to `null` counts as absent, as on the API server.',
      'A Kustomize patch (a file a kustomization lists under `patches`, `patchesStrategicMerge` or',
      '`patchesJson6902`, or a document with `$patch`-style directives) is a partial object: types,',
      'enums and unknown fields are checked, required fields are not (the base has them), and the',
      'strategic-merge directives (`$patch`, `$retainKeys`, `$setElementOrder/…`,',
      '`$deleteFromPrimitiveList/…`) are not fields.',
      '',
      '```yaml',
      'containers:',
      '  - name: web',
      '    imagePullPolcy: Always   # unknown field "spec.containers[0].imagePullPolcy"',
      '```',
    ].join('\n'),
  },
  checkResource(ctx: DocumentContext): Report[] {
    const { resource, catalog } = ctx;
    const status = apiVersionStatus(catalog, resource);
    if (status.status !== 'served') {
      // A wrong or removed apiVersion, or an unknown kind of a built-in group, is the api-version rule's finding.
      if (status.status !== 'no-schema') return [];
      const other = status.catalogServes ? ` (the bundled catalog has ${status.catalogServes.join(', ')}, another release of its operator)` : '';
      return [{ path: ['kind'], at: 'value', severity: 'info', message: `no schema for kind ${resource.kind} (apiVersion ${resource.apiVersion}); its fields are not checked${other}` }];
    }
    const entry = status.entry;
    const validate = catalog.validator(entry);
    if (!validate) return [];
    const foreignCrd = entry.source === 'crd' && entry.origin && directoryOf(entry.origin) !== ctx.folder ? entry.origin : undefined;
    // The bundled catalog holds one release of each operator; the resource may be written for another.
    const otherRelease = foreignCrd ? `the CustomResourceDefinition of ${foreignCrd.split('/').slice(-2).join('/')}` : entry.source === 'catalog' ? `the schema from ${entry.origin ?? 'the bundled catalog'}` : undefined;
    const reports: Report[] = validateAgainstSchema(validate, resource.value, ctx.patch).map((v) => {
      const report: Report = { path: v.path, at: v.at, message: v.message };
      // A CRD in another folder may be another release of the operator than the one this
      // resource is written for (a samples repository holds many): an unknown field is then a
      // warning, not the API server's refusal.
      // A near known field ("did you mean") is a typo whatever the release: that stays an error.
      if (otherRelease && v.message.startsWith('unknown field') && !v.suggestion) {
        report.severity = 'warning';
        report.message += ` (not in ${otherRelease}, which may be another version than the one this resource is written for)`;
      }
      // A field of another release: the target's API server refuses it, but not as a typo.
      const history = entry.source === 'builtin' && v.message.startsWith('unknown field') ? fieldHistory(catalog, entry, v.path) : {};
      if (history.addedIn || history.lastIn) {
        report.message += history.addedIn ? ` (added in Kubernetes ${history.addedIn}; the target is ${catalog.kubernetesVersion})` : ` (removed after Kubernetes ${history.lastIn}; the target is ${catalog.kubernetesVersion})`;
        return report;
      }
      if (v.suggestion) {
        const range = rangeOfPath(resource.node, v.path, 'key');
        if (range) {
          report.message += ` (did you mean "${v.suggestion}"?)`;
          report.fixes = [{ title: `Change to "${v.suggestion}"`, edits: [{ start: range[0], end: range[1], newText: v.suggestion }], preferred: true }];
        }
      }
      return report;
    });
    // Keyed-list uniqueness and CEL rules are enforced by the API server for custom resources only;
    // for built-in kinds duplicates are warnings (duplicate/…), k8s-rules.md §17.
    if (entry.source !== 'builtin') {
      const root = catalog.schema(entry) as SchemaNode | undefined;
      const value = stripNullFields(resource.value);
      // A patch's CEL rules would judge the fields it leaves to the base.
      return root ? [...reports, ...listMapDuplicates(root, value), ...(ctx.patch ? [] : celViolations(root, value))] : reports;
    }
    // Checks the API server makes beyond OpenAPI; custom resources give "port" their own meaning.
    // "Containers need an image" is a required field: a patch leaves it to the base.
    const images = ctx.patch ? [] : containerImageViolations(resource.value, podTemplateOf(resource)?.specPath);
    const crdTypes = resource.kind === 'CustomResourceDefinition' ? crdSchemaTypeViolations(resource.value) : [];
    return [...reports, ...portRangeViolations(resource.value), ...images, ...crdTypes];
  },
};

function directoryOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}
