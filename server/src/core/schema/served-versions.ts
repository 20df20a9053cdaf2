import type { KindEntry, SchemaCatalog } from './catalog';
import { closest, editDistance } from './validate';
import { removedIn, servedFrom } from './version-history';

/** Removed apiVersions (k8s-rules.md §18): group/version → [release that removed it, kinds → replacement]. */
const REMOVED: Record<string, [string, Record<string, string>]> = {
  'extensions/v1beta1': ['1.16', { DaemonSet: 'apps/v1', Deployment: 'apps/v1', ReplicaSet: 'apps/v1', NetworkPolicy: 'networking.k8s.io/v1', Ingress: 'networking.k8s.io/v1', PodSecurityPolicy: 'policy/v1beta1' }],
  'apps/v1beta1': ['1.16', { Deployment: 'apps/v1', StatefulSet: 'apps/v1', ReplicaSet: 'apps/v1' }],
  'apps/v1beta2': ['1.16', { Deployment: 'apps/v1', StatefulSet: 'apps/v1', ReplicaSet: 'apps/v1', DaemonSet: 'apps/v1' }],
  'networking.k8s.io/v1beta1': ['1.22', { Ingress: 'networking.k8s.io/v1', IngressClass: 'networking.k8s.io/v1' }],
  'apiextensions.k8s.io/v1beta1': ['1.22', { CustomResourceDefinition: 'apiextensions.k8s.io/v1' }],
  'admissionregistration.k8s.io/v1beta1': ['1.22', { MutatingWebhookConfiguration: 'admissionregistration.k8s.io/v1', ValidatingWebhookConfiguration: 'admissionregistration.k8s.io/v1' }],
  'apiregistration.k8s.io/v1beta1': ['1.22', { APIService: 'apiregistration.k8s.io/v1' }],
  'rbac.authorization.k8s.io/v1beta1': ['1.22', { Role: 'rbac.authorization.k8s.io/v1', ClusterRole: 'rbac.authorization.k8s.io/v1', RoleBinding: 'rbac.authorization.k8s.io/v1', ClusterRoleBinding: 'rbac.authorization.k8s.io/v1' }],
  'scheduling.k8s.io/v1beta1': ['1.22', { PriorityClass: 'scheduling.k8s.io/v1' }],
  'coordination.k8s.io/v1beta1': ['1.22', { Lease: 'coordination.k8s.io/v1' }],
  'certificates.k8s.io/v1beta1': ['1.22', { CertificateSigningRequest: 'certificates.k8s.io/v1' }],
  'batch/v1beta1': ['1.25', { CronJob: 'batch/v1' }],
  'policy/v1beta1': ['1.25', { PodDisruptionBudget: 'policy/v1', PodSecurityPolicy: '' }],
  'autoscaling/v2beta1': ['1.25', { HorizontalPodAutoscaler: 'autoscaling/v2' }],
  'autoscaling/v2beta2': ['1.26', { HorizontalPodAutoscaler: 'autoscaling/v2' }],
  'discovery.k8s.io/v1beta1': ['1.25', { EndpointSlice: 'discovery.k8s.io/v1' }],
  'events.k8s.io/v1beta1': ['1.25', { Event: 'events.k8s.io/v1' }],
  'node.k8s.io/v1beta1': ['1.25', { RuntimeClass: 'node.k8s.io/v1' }],
  'flowcontrol.apiserver.k8s.io/v1beta3': ['1.32', { FlowSchema: 'flowcontrol.apiserver.k8s.io/v1', PriorityLevelConfiguration: 'flowcontrol.apiserver.k8s.io/v1' }],
};

/** Kinds removed in a later release than the rest of their group/version. */
const REMOVED_LATER: Record<string, string> = { 'extensions/v1beta1/Ingress': '1.22', 'extensions/v1beta1/PodSecurityPolicy': '1.25' };

/** What the catalog can say about an object's apiVersion and kind. */
export type ApiVersionStatus =
  | { status: 'served'; entry: KindEntry }
  /** A version Kubernetes removed; `replacement` is '' when there is none. */
  | { status: 'removed'; release: string; replacement: string }
  /** Served only from a bundled release newer than the target; `served`: where the target serves the kind. */
  | { status: 'not-yet-served'; since: string; served: string[]; suggestion?: string }
  /** The kind under a group we know is wrong (or a typo of one): `served` lists where it is served. */
  | { status: 'not-served'; served: string[]; suggestion?: string }
  /** A built-in group/version (closed to CRDs) without this kind. */
  | { status: 'unknown-kind'; suggestion?: string }
  /**
   * A group (or group and kind) we have no schema for: a custom resource, not a mistake.
   * `catalogServes`: the bundled CRD catalog has the kind in other versions of the group, which an
   * older or newer release of the operator may serve; said, never an error. `standIn`: the
   * catalog's entry for the kind in its preferred version, which may check the object in place of
   * its own version's schema (its findings are warnings: the versions may differ).
   */
  | { status: 'no-schema'; catalogServes?: string[]; standIn?: KindEntry };

export const apiVersionOf = (e: { group: string; version: string }): string => (e.group ? `${e.group}/${e.version}` : e.version);

/**
 * Classifies an object's apiVersion by group and kind, never by kind alone: a Knative
 * `serving.knative.dev/v1` Service is not a misspelt core Service, and an
 * `azmonitoring.coreos.com` ServiceMonitor is not a monitoring.coreos.com one.
 * The kind is "not served" only when the written group is one we know (a built-in group, which
 * no CRD can extend, or a group a catalog entry serves this kind in) or is plausibly a typo of a
 * group serving the kind (`Apps/v1`, `app/v1`).
 */
export function apiVersionStatus(catalog: SchemaCatalog, target: { apiVersion: string; group: string; version: string; kind: string }): ApiVersionStatus {
  const { apiVersion, group, version, kind } = target;
  const entry = catalog.entry(group, version, kind);
  if (entry) return { status: 'served', entry };
  const removed = REMOVED[apiVersion];
  if (removed && Object.hasOwn(removed[1], kind)) return { status: 'removed', release: REMOVED_LATER[`${apiVersion}/${kind}`] ?? removed[0], replacement: removed[1][kind] };
  const known = catalog.entriesForKind(kind);
  const another = anotherRelease(catalog, target, known);
  if (another) return another;
  if (known.length === 0) {
    const siblings = catalog.allEntries().filter((e) => e.source === 'builtin' && e.group === group && e.version === version);
    if (siblings.length === 0) return { status: 'no-schema' };
    const kinds = siblings.map((e) => e.kind);
    return { status: 'unknown-kind', suggestion: kinds.find((k) => k.toLowerCase() === kind.toLowerCase()) ?? closest(kind, kinds) };
  }
  const sameGroup = known.filter((e) => e.group === group);
  // The catalog holds one release of each operator: another version may be served by another release.
  if (sameGroup.length > 0 && sameGroup.every((e) => e.source === 'catalog')) {
    const catalogServes = sameGroup.map(apiVersionOf);
    const standIn = sameGroup.find((e) => apiVersionOf(e) === preferred(catalogServes));
    return { status: 'no-schema', catalogServes, standIn };
  }
  if (sameGroup.length > 0 || catalog.allEntries().some((e) => e.source === 'builtin' && e.group === group)) {
    const candidates = sameGroup.length > 0 ? sameGroup : known;
    return notServed(apiVersion, candidates.map(apiVersionOf));
  }
  const meant = known.filter((e) => isGroupTypo(group, e));
  return meant.length > 0 ? notServed(apiVersion, meant.map(apiVersionOf)) : { status: 'no-schema' };
}

/**
 * A kind another bundled release serves under this apiVersion: the target is too old for it
 * (`resource.k8s.io/v1` before 1.34) or too new (`flowcontrol.apiserver.k8s.io/v1beta3` from 1.32).
 */
function anotherRelease(catalog: SchemaCatalog, target: { group: string; version: string; kind: string }, known: readonly KindEntry[]): ApiVersionStatus | undefined {
  if (!catalog.versions) return undefined;
  const served = known.filter((e) => e.source === 'builtin' && e.group === target.group).map(apiVersionOf);
  const since = servedFrom(catalog, target);
  if (since) return { status: 'not-yet-served', since, served, suggestion: served.length > 0 ? preferred(served) : undefined };
  const gone = removedIn(catalog, target);
  return gone ? { status: 'removed', release: gone, replacement: served.length > 0 ? preferred(served) : '' } : undefined;
}

function notServed(apiVersion: string, served: string[]): ApiVersionStatus {
  const suggestion = served.find((s) => s.toLowerCase() === apiVersion.toLowerCase()) ?? closest(apiVersion, served) ?? preferred(served);
  return { status: 'not-served', served, suggestion };
}

/**
 * A written group that means this entry's group: the same letters in another case, or, for a
 * built-in group, one edit away (`app` for `apps`). Custom groups differ on purpose
 * (`azmonitoring.coreos.com` is not `monitoring.coreos.com`), so only case counts for them.
 */
function isGroupTypo(written: string, entry: KindEntry): boolean {
  if (written === '' || entry.group === '') return false;
  const a = written.toLowerCase();
  if (a === entry.group.toLowerCase()) return true;
  // The length test first: a megabyte-long group must not cost an edit-distance table.
  return entry.source === 'builtin' && Math.abs(a.length - entry.group.length) <= 1 && editDistance(a, entry.group) <= 1;
}

/** The stable version when there is one (v1 over v1beta1 over v1alpha1). */
function preferred(served: string[]): string {
  const rank = (v: string) => (/alpha/.test(v) ? 2 : /beta/.test(v) ? 1 : 0);
  return [...served].sort((a, b) => rank(a) - rank(b))[0];
}
