// Apply the current file, safely: a server-side-apply dry run of every object first, a plan
// (create / update with the changed fields / unchanged / invalid / forbidden / immutable), the
// diff of live ↔ result limited to the fields the file sets, one confirmation, then the real
// server-side apply with field manager `kubesight`. No write is reachable without the plan.
import { encodeManifest } from '../../../server/src/shared/manifest-yaml';
import { ClusterError, type ClusterConnection } from './connection';
import { Discovery } from './discovery';
import { resourcePath, type KindInfo } from './kinds';
import { isSecret, MASK } from './masking';
import { fieldChanges, project, type FieldChange } from './projection';
import type { Confirm, WritePolicy } from './safety';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const FIELD_MANAGER = 'kubesight';
export type Outcome = 'create' | 'update' | 'unchanged' | 'invalid' | 'forbidden' | 'immutable' | 'unknown-kind';

export interface PlannedObject {
  /** `deployment.apps/web` */
  label: string;
  namespace?: string;
  name: string;
  kind?: KindInfo;
  manifest: Obj;
  outcome: Outcome;
  changedFields: string[];
  /** The differing fields with their live and would-be values (secret values never). */
  changes: FieldChange[];
  /** The live object, when there is one (for status and recreate). */
  live?: Obj;
  /** For invalid and immutable outcomes: the fields the API server named (`spec.ports[0].port`). */
  fields?: string[];
  message?: string;
  /** Live and would-be objects, cut to the fields the file sets, as YAML (secret values masked). */
  liveYaml: string;
  resultYaml: string;
}

export interface ApplyPlan {
  context: string;
  objects: PlannedObject[];
}

// Namespaces and CRDs first, then what workloads mount, then the workloads, then the rest.
const ORDER = ['Namespace', 'CustomResourceDefinition', 'ServiceAccount', 'Secret', 'ConfigMap', 'PersistentVolumeClaim', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'Service'];
const rank = (kind: string) => (ORDER.includes(kind) ? ORDER.indexOf(kind) : ORDER.length);

export function labelOf(kind: KindInfo | undefined, manifest: Obj): string {
  const k = String(manifest.kind ?? '').toLowerCase();
  return `${kind?.group ? `${k}.${kind.group}` : k}/${manifest.metadata?.name ?? '?'}`;
}

export async function planApply(conn: ClusterConnection, manifests: Obj[], defaultNamespace: string, signal?: AbortSignal): Promise<ApplyPlan> {
  const discovery = new Discovery(conn);
  const sorted = [...manifests].sort((a, b) => rank(String(a.kind)) - rank(String(b.kind)));
  const objects: PlannedObject[] = [];
  for (const manifest of sorted) objects.push(await planObject(conn, discovery, manifest, defaultNamespace, signal));
  return { context: conn.context.name, objects };
}

/** Whether the user may `verb` this object, by a SelfSubjectAccessReview (no access to them: assume yes). */
async function allowed(conn: ClusterConnection, verb: string, kind: KindInfo, namespace: string | undefined, name: string, signal?: AbortSignal): Promise<{ allowed: boolean; reason?: string }> {
  try {
    const review = await conn.request<Obj>({ method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body: JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb, group: kind.group, resource: kind.plural, namespace, name } } }), signal });
    return { allowed: review.status?.allowed !== false, reason: review.status?.reason };
  } catch {
    return { allowed: true };
  }
}

/**
 * The plan for one object: live object, access review, server-side-apply dry run, changes.
 * `shareWithinMs`: the live object may come from a GET of the same object made that recently (the
 * lenses and the live baseline share them); the apply command never passes it.
 */
export async function planObject(conn: ClusterConnection, discovery: Discovery, manifest: Obj, defaultNamespace: string, signal?: AbortSignal, shareWithinMs?: number): Promise<PlannedObject> {
  const kind = await discovery.resolve(String(manifest.apiVersion), String(manifest.kind), signal);
  const name = String(manifest.metadata?.name ?? '');
  const base = { label: labelOf(kind, manifest), name, kind, manifest, changedFields: [] as string[], changes: [] as FieldChange[], liveYaml: '', resultYaml: '' };
  if (!kind) return { ...base, outcome: 'unknown-kind', message: `The cluster does not serve ${manifest.apiVersion} ${manifest.kind}.` };
  const namespace = kind.namespaced ? String(manifest.metadata?.namespace ?? defaultNamespace) : undefined;
  const body = { ...manifest, metadata: { ...manifest.metadata, ...(namespace ? { namespace } : {}) } };
  let live: Obj | undefined;
  try {
    live = await conn.request<Obj>({ path: resourcePath(kind, namespace, name), signal, shareWithinMs });
  } catch (e) {
    if (!(e instanceof ClusterError && e.kind === 'not-found')) return failed({ ...base, namespace }, e);
  }
  const access = await allowed(conn, live ? 'patch' : 'create', kind, namespace, name, signal);
  if (!access.allowed) return { ...base, namespace, live, outcome: 'forbidden', message: `Forbidden: ${access.reason ?? `you may not ${live ? 'patch' : 'create'} ${kind.plural}`} (SelfSubjectAccessReview)` };
  let result: Obj;
  try {
    result = await conn.request<Obj>({ method: 'PATCH', path: resourcePath(kind, namespace, name), query: { dryRun: 'All', fieldManager: FIELD_MANAGER, force: true }, body: JSON.stringify(body), contentType: 'application/apply-patch+yaml', signal });
  } catch (e) {
    return failed({ ...base, namespace, live }, e);
  }
  const shape = diffShape(body);
  const before = live ? project(live, shape) : undefined;
  const after = project(result, shape);
  const changes = before ? fieldChanges(before, after) : [];
  const changedFields = changes.map((c) => c.path);
  return {
    ...base,
    namespace,
    live,
    changes: isSecret(manifest) ? changes.map((c) => ({ ...c, before: MASK, after: MASK })) : changes,
    outcome: !live ? 'create' : changedFields.length ? 'update' : 'unchanged',
    changedFields,
    liveYaml: before ? toYaml(before, manifest) : '',
    resultYaml: toYaml(after, manifest, before),
  };
}

/** The file's fields as the API stores them: a Secret's stringData lives in data (base64). */
function diffShape(body: Obj): Obj {
  if (!isSecret(body) || !body.stringData) return body;
  const { stringData, ...rest } = body;
  const encoded = Object.fromEntries(Object.entries(stringData as Obj).map(([k, v]) => [k, Buffer.from(String(v)).toString('base64')]));
  return { ...rest, data: { ...(rest.data ?? {}), ...encoded } };
}

function failed(base: Omit<PlannedObject, 'outcome'>, e: unknown): PlannedObject {
  if (!(e instanceof ClusterError)) throw e;
  if (e.kind === 'forbidden') return { ...base, outcome: 'forbidden', message: e.message };
  if (e.kind === 'invalid') {
    const causes = ((e.body as { details?: { causes?: { field?: string }[] } } | undefined)?.details?.causes ?? []).map((c) => c.field).filter((f): f is string => !!f);
    return { ...base, outcome: /field is immutable/.test(e.message) ? 'immutable' : 'invalid', message: e.message, fields: causes };
  }
  // The dry run of an object whose namespace does not exist yet: it is created once the
  // namespace is (a Namespace in the same plan is applied first).
  if (e.kind === 'not-found' && !base.live && base.namespace) return { ...base, outcome: 'create', message: `namespace "${base.namespace}" does not exist yet` };
  throw e; // unreachable, unauthorized, timeout: the whole plan fails with that message
}

/** YAML for the diff; a Secret's values become a mask, marked when the apply changes them. */
function toYaml(value: unknown, manifest: Obj, before?: unknown): string {
  if (!isSecret(manifest)) return encodeManifest(value);
  const v = value as Obj;
  const old = (before ?? {}) as Obj;
  const masked: Obj = { ...v };
  for (const field of ['data', 'stringData']) {
    if (!v[field]) continue;
    masked[field] = Object.fromEntries(Object.keys(v[field]).map((k) => [k, before && old[field]?.[k] !== v[field][k] ? `${MASK} (changed)` : MASK]));
  }
  return encodeManifest(masked);
}

export const applicable = (plan: ApplyPlan): PlannedObject[] => plan.objects.filter((o) => o.outcome === 'create' || o.outcome === 'update');

/** Applies the plan's create/update objects after one confirmation. Returns what was applied. */
export async function executeApply(conn: ClusterConnection, plan: ApplyPlan, policy: WritePolicy, confirm: Confirm, signal?: AbortSignal): Promise<PlannedObject[]> {
  policy.assertWritable(plan.context);
  const todo = applicable(plan);
  if (!todo.length) return [];
  const namespaces = [...new Set(todo.map((o) => o.namespace).filter(Boolean))];
  const consequences = todo.filter((o) => o.outcome === 'update').map((o) => `${o.label}: ${o.changedFields.length} field${o.changedFields.length === 1 ? '' : 's'} change`);
  const ok = await policy.confirm(confirm, { action: 'apply', context: plan.context, namespace: namespaces.length === 1 ? namespaces[0] : undefined, objects: todo.map((o) => `${o.outcome === 'create' ? 'create' : 'update'} ${o.label}`), consequences });
  if (!ok) return [];
  for (const o of todo) {
    const body = { ...o.manifest, metadata: { ...o.manifest.metadata, ...(o.namespace ? { namespace: o.namespace } : {}) } };
    await conn.request({ method: 'PATCH', path: resourcePath(o.kind!, o.namespace, o.name), query: { fieldManager: FIELD_MANAGER, force: true }, body: JSON.stringify(body), contentType: 'application/apply-patch+yaml', signal });
  }
  return todo;
}
