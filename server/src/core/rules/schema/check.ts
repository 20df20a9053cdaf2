import type { DocumentContext, Report } from '../rule';
import { stripNullFields, validateAgainstSchema, type SchemaViolation } from '../../schema/validate';
import { containerImageViolations, crdSchemaTypeViolations } from '../../schema/api-checks';
import { listMapDuplicates } from '../../schema/list-maps';
import { celViolations } from '../../schema/cel';
import type { SchemaNode } from '../../schema/navigate';
import { podTemplateOf } from '../../workspace/pod-template';
import { rangeOfPath } from '../../model/path';
import { portRangeViolations } from '../../schema/ports';
import { apiVersionOf, apiVersionStatus } from '../../schema/served-versions';
import { fieldHistory } from '../../schema/version-history';
import type { KindEntry } from '../../schema/catalog';

/** The concerns of the schema family, each one rule (`schema/<concern>`). */
export type SchemaConcern = 'no-schema' | 'unknown-field' | 'type' | 'required' | 'enum' | 'constraint' | 'port-range' | 'container-image' | 'crd-type' | 'list-map-key' | 'cel';

/** What the target version and schema source paragraph of every schema/… rule says. */
export const SCHEMA_DOCS = [
  'Objects are checked against the schema of their apiVersion and kind in the target Kubernetes',
  'version (`--kube-version`, the `kubesight.kubernetesVersion` setting or `kubernetesVersion` in',
  '.kubesight.yaml; else the connected cluster\'s version; else the newest bundled, 1.35), as',
  '`kubectl apply --validate=strict` does. Custom resources are checked against a workspace CRD, else',
  'the connected cluster\'s schema (`/openapi/v3`), else the bundled catalog of operator CRDs. A',
  'field set to `null` counts as absent, as on the API server. The schema is validated once per',
  'object; each concern below is its own rule, so one can be turned off alone (`schema/*` for all).',
];

/** One message id per rule: the text is the API server's, made where the check is. */
export const SCHEMA_MESSAGE = { violation: '{text}' } as const;

interface Tagged {
  concern: SchemaConcern;
  report: Report;
}

/** The findings of the schema family for this object's `concern`; the object is validated once for all of them. */
export function schemaReports(ctx: DocumentContext, concern: SchemaConcern): Report<'violation'>[] {
  const all = ctx.derived.memo('schema', ctx.resource, () => allSchemaReports(ctx));
  return all.filter((t) => t.concern === concern).map(({ report }) => ({ ...report, messageId: 'violation', data: { text: report.message ?? '' }, message: undefined }));
}

const BY_KEYWORD: Record<string, SchemaConcern | undefined> = { additionalProperties: 'unknown-field', required: 'required', type: 'type', anyOf: 'type', enum: 'enum', const: 'enum' };

function concernOf(v: SchemaViolation): SchemaConcern {
  return BY_KEYWORD[v.keyword] ?? 'constraint';
}

function allSchemaReports(ctx: DocumentContext): Tagged[] {
  const { resource, catalog } = ctx;
  const status = apiVersionStatus(catalog, resource);
  if (status.status !== 'served') {
    // A wrong or removed apiVersion, or an unknown kind of a built-in group, is the api-version rule's finding.
    if (status.status !== 'no-schema') return [];
    if (status.standIn) return standInReports(ctx, status.standIn);
    return [{ concern: 'no-schema', report: { path: ['kind'], at: 'value', message: `no schema for kind ${resource.kind} (apiVersion ${resource.apiVersion}); its fields are not checked` } }];
  }
  return entryReports(ctx, status.entry);
}

/**
 * A custom resource in a version the bundled catalog's release of its operator no longer (or not
 * yet) serves (Flux `source.toolkit.fluxcd.io/v1beta2` OCIRepository, which Flux made v1 with the
 * same fields): checked against the version the catalog has, every finding a warning naming that
 * version, since the two versions' schemas may differ. Better than leaving its fields unchecked.
 */
function standInReports(ctx: DocumentContext, standIn: KindEntry): Tagged[] {
  const { resource } = ctx;
  const used = apiVersionOf(standIn);
  const note: Tagged = { concern: 'no-schema', report: { path: ['apiVersion'], at: 'value', message: `the bundled catalog has no schema for ${resource.kind} in ${resource.apiVersion}; checked against ${used}, the version its release of the operator serves, with findings as warnings` } };
  const soften = ({ concern, report }: Tagged): Tagged => ({ concern, report: { ...report, severity: report.severity === 'info' ? 'info' : 'warning', message: `${report.message} (checked against ${used}; ${resource.apiVersion} may differ)`, fixes: undefined } });
  return [note, ...entryReports(ctx, standIn, { skipCel: true }).map(soften)];
}

function entryReports(ctx: DocumentContext, entry: KindEntry, options: { skipCel?: boolean } = {}): Tagged[] {
  const { resource, catalog } = ctx;
  const validate = catalog.validator(entry);
  if (!validate) return [];
  const reports: Tagged[] = validateAgainstSchema(validate, resource.value, ctx.patch).map((v) => ({ concern: concernOf(v), report: violationReport(ctx, entry, v) }));
  // Keyed-list uniqueness and CEL rules are enforced by the API server for custom resources only;
  // for built-in kinds duplicates are warnings (duplicate/…), k8s-rules.md §17.
  if (entry.source !== 'builtin') {
    const root = catalog.schema(entry) as SchemaNode | undefined;
    if (!root) return reports;
    const value = stripNullFields(resource.value);
    const keys = listMapDuplicates(root, value).map((report) => ({ concern: 'list-map-key' as const, report }));
    // A patch's CEL rules would judge the fields it leaves to the base.
    const cel = ctx.patch || options.skipCel ? [] : celViolations(root, value).map((report) => ({ concern: 'cel' as const, report }));
    return [...reports, ...keys, ...cel];
  }
  // Checks the API server makes beyond OpenAPI; custom resources give "port" their own meaning.
  // "Containers need an image" is a required field: a patch leaves it to the base.
  const images = ctx.patch ? [] : containerImageViolations(resource.value, podTemplateOf(resource)?.specPath);
  const crdTypes = resource.kind === 'CustomResourceDefinition' ? crdSchemaTypeViolations(resource.value) : [];
  return [
    ...reports,
    ...portRangeViolations(resource.value).map((report) => ({ concern: 'port-range' as const, report })),
    ...images.map((report) => ({ concern: 'container-image' as const, report })),
    ...crdTypes.map((report) => ({ concern: 'crd-type' as const, report })),
  ];
}

/** An ajv violation as a report: a CRD of another folder or release softens an unknown field; a near name gets a fix. */
function violationReport(ctx: DocumentContext, entry: KindEntry, v: SchemaViolation): Report {
  const { resource, catalog } = ctx;
  const unknownField = v.keyword === 'additionalProperties';
  const foreignCrd = entry.source === 'crd' && entry.origin && directoryOf(entry.origin) !== ctx.folder ? entry.origin : undefined;
  // The bundled catalog holds one release of each operator; the resource may be written for another.
  const otherRelease = foreignCrd ? `the CustomResourceDefinition of ${foreignCrd.split('/').slice(-2).join('/')}` : entry.source === 'catalog' ? `the schema from ${entry.origin ?? 'the bundled catalog'}` : undefined;
  const report: Report = { path: v.path, at: v.at, message: v.message };
  // A CRD in another folder may be another release of the operator than the one this resource
  // is written for (a samples repository holds many): an unknown field is then a warning, not the
  // API server's refusal. A near known field ("did you mean") is a typo whatever the release.
  if (otherRelease && unknownField && !v.suggestion) return { ...report, severity: 'warning', message: `${v.message} (not in ${otherRelease}, which may be another version than the one this resource is written for)` };
  // A field of another release: the target's API server refuses it, but not as a typo.
  const history = entry.source === 'builtin' && unknownField ? fieldHistory(catalog, entry, v.path) : {};
  if (history.addedIn) return { ...report, message: `${v.message} (added in Kubernetes ${history.addedIn}; the target is ${catalog.kubernetesVersion})` };
  if (history.lastIn) return { ...report, message: `${v.message} (removed after Kubernetes ${history.lastIn}; the target is ${catalog.kubernetesVersion})` };
  const range = v.suggestion ? rangeOfPath(resource.node, v.path, 'key') : undefined;
  if (!v.suggestion || !range) return report;
  const fixes = [{ title: `Change to "${v.suggestion}"`, edits: [{ start: range[0], end: range[1], newText: v.suggestion }], preferred: true }];
  return { ...report, message: `${v.message} (did you mean "${v.suggestion}"?)`, fixes };
}

function directoryOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}
