// What the API server refuses to change on update (k8s-rules.md §1, §4–10, RBAC), one entry per
// kind. Each check compares the defaulted old and new objects and reports in the server's words.
import { formatPath, type FieldPath } from '../model/path';
import { render } from '../schema/validate';
import { specDefaults } from '../../shared/api-defaults';
import { equivalent, firstDifference, podSpec, podTemplate, quantityValue } from './defaults';

type Obj = Record<string, unknown>;
export interface Change {
  /** Where to mark the change in the new object (the first differing key). */
  path: FieldPath;
  message: string;
}
type Check = (oldObj: Obj, newObj: Obj) => Change[];

const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const at = (o: unknown, path: FieldPath): unknown => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined), o);

/** `<path>: Invalid value: <new>: field is immutable`, marked at the first difference. */
function immutable(path: FieldPath, oldObj: Obj, newObj: Obj, normalize: (v: unknown) => unknown = (v) => v): Change[] {
  const before = normalize(at(oldObj, path));
  const after = normalize(at(newObj, path));
  if (equivalent(before, after)) return [];
  const where = firstDifference(before, after, [...path]) ?? [...path];
  return [{ path: where, message: `${formatPath(path)}: Invalid value: ${render(at(newObj, path))}: field is immutable` }];
}

const selector: Check = (o, n) => immutable(['spec', 'selector'], o, n);

const STATEFULSET_MUTABLE = new Set(['replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds']);
// The shared table's StatefulSet defaults: of the immutable fields only podManagementPolicy has one.
const STATEFULSET_DEFAULTS = specDefaults('StatefulSet', {});
const statefulSet: Check = (o, n) => {
  const before = { ...STATEFULSET_DEFAULTS, ...obj(o.spec) };
  const after = { ...STATEFULSET_DEFAULTS, ...obj(n.spec) };
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !STATEFULSET_MUTABLE.has(k) && !equivalent(before[k], after[k]));
  if (changed.length === 0) return [];
  const where = firstDifference(before[changed[0]], after[changed[0]], ['spec', changed[0]]) ?? ['spec', changed[0]];
  return [{ path: where, message: "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden" }];
};

/** A suspended Job (that never started) may change its pods' scheduling directives (§6). */
function schedulingOnly(template: unknown): unknown {
  const t = obj(template);
  const spec = { ...obj(t.spec) };
  for (const k of ['nodeSelector', 'affinity', 'tolerations', 'schedulingGates']) delete spec[k];
  return { spec: podSpec(spec) };
}

const job: Check = (o, n) => {
  const out: Change[] = [];
  for (const field of ['completionMode', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy']) out.push(...immutable(['spec', field], o, n));
  const suspended = at(o, ['spec', 'suspend']) === true;
  out.push(...immutable(['spec', 'template'], o, n, suspended ? schedulingOnly : podTemplate));
  const indexed = at(n, ['spec', 'completionMode']) === 'Indexed';
  const completions = immutable(['spec', 'completions'], o, n);
  if (completions.length && !(indexed && at(n, ['spec', 'completions']) === at(n, ['spec', 'parallelism']))) {
    out.push(indexed ? { path: ['spec', 'completions'], message: `spec.completions: Invalid value: ${render(at(n, ['spec', 'completions']))}: can only be modified in tandem with spec.parallelism` } : completions[0]);
  }
  return out;
};

const service: Check = (o, n) => {
  const before = at(o, ['spec', 'clusterIP']);
  const after = at(n, ['spec', 'clusterIP']);
  // An unset or empty clusterIP keeps the allocated one; only two different explicit values clash.
  if (typeof before !== 'string' || typeof after !== 'string' || before === '' || after === '' || before === after) return [];
  return [{ path: ['spec', 'clusterIP'], message: `spec.clusterIP: Invalid value: ${render(after)}: field is immutable` }];
};

function immutableData(kind: 'ConfigMap' | 'Secret'): Check {
  return (o, n) => {
    const out: Change[] = [];
    if (kind === 'Secret') out.push(...immutable(['type'], { type: o.type ?? 'Opaque' }, { type: n.type ?? 'Opaque' }).map((c) => ({ ...c, path: n.type === undefined ? [] : c.path })));
    if (o.immutable !== true) return out;
    if (n.immutable !== true) out.push({ path: n.immutable === undefined ? ['metadata', 'name'] : ['immutable'], message: 'immutable: Forbidden: field is immutable when `immutable` is set' });
    const message = 'data: Forbidden: field is immutable when `immutable` is set';
    if (kind === 'ConfigMap') {
      if (!equivalent({ data: o.data ?? {}, binaryData: o.binaryData ?? {} }, { data: n.data ?? {}, binaryData: n.binaryData ?? {} })) out.push({ path: ['data'], message });
      return out;
    }
    const before = secretValues(o);
    const after = secretValues(n);
    const changed = [...new Set([...before.keys(), ...after.keys()])].find((k) => !sameSecretValue(before.get(k), after.get(k)));
    if (changed !== undefined) {
      const field = after.get(changed)?.base64 === false ? 'stringData' : 'data';
      out.push({ path: after.has(changed) ? [field, changed] : [n.data !== undefined ? 'data' : 'stringData'], message });
    }
    return out;
  };
}

interface SecretValue {
  text: string;
  /** Written under `data` (base64), not `stringData` (plain text). */
  base64: boolean;
}

/** A Secret's values by key: the API server merges `stringData` into `data`, so stringData wins. */
function secretValues(secret: Obj): Map<string, SecretValue> {
  const out = new Map<string, SecretValue>();
  for (const [field, base64] of [['data', true], ['stringData', false]] as const) {
    for (const [k, v] of Object.entries(obj(secret[field]))) if (v !== null && v !== undefined) out.set(k, { text: String(v), base64 });
  }
  return out;
}

/** The value's bytes as a binary string; undefined when it is not base64 (e.g. a digest from the live baseline). */
function secretBytes(value: SecretValue): string | undefined {
  try {
    return value.base64 ? atob(value.text.replace(/\s+/g, '')) : Array.from(new TextEncoder().encode(value.text), (b) => String.fromCharCode(b)).join('');
  } catch {
    return undefined;
  }
}

/** Equal as written (digests included), or the same bytes written once as base64 and once as text. */
function sameSecretValue(a: SecretValue | undefined, b: SecretValue | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.text === b.text) return true;
  const bytes = secretBytes(a);
  return bytes !== undefined && bytes === secretBytes(b);
}

const pvc: Check = (o, n) => {
  const strip = (x: Obj) => {
    const spec: Obj = { volumeMode: 'Filesystem', ...obj(x.spec) };
    delete spec.resources;
    delete spec.volumeAttributesClassName;
    return spec;
  };
  const out: Change[] = [];
  if (!equivalent(strip(o), strip(n))) {
    const where = firstDifference(strip(o), strip(n), ['spec']) ?? ['spec'];
    out.push({ path: where, message: 'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims' });
  }
  const before = quantityValue(at(o, ['spec', 'resources', 'requests', 'storage']));
  const after = quantityValue(at(n, ['spec', 'resources', 'requests', 'storage']));
  if (before !== undefined && after !== undefined && after < before) {
    out.push({ path: ['spec', 'resources', 'requests', 'storage'], message: 'spec.resources.requests.storage: Forbidden: field can not be less than previous value' });
  }
  return out;
};

// A PV's volume source is everything in spec except these (k8s-rules.md §10).
const PV_NOT_SOURCE = ['accessModes', 'capacity', 'claimRef', 'persistentVolumeReclaimPolicy', 'storageClassName', 'mountOptions', 'volumeMode', 'nodeAffinity', 'volumeAttributesClassName'];
const persistentVolume: Check = (o, n) => {
  const source = (x: Obj) => Object.fromEntries(Object.entries(obj(x.spec)).filter(([k]) => !PV_NOT_SOURCE.includes(k)));
  const out: Change[] = [];
  if (!equivalent(source(o), source(n))) {
    out.push({ path: firstDifference(source(o), source(n), ['spec']) ?? ['spec'], message: 'spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation' });
  }
  const before = at(o, ['spec', 'nodeAffinity']);
  const after = at(n, ['spec', 'nodeAffinity']);
  if (before !== undefined && !equivalent(before, after)) {
    out.push({ path: firstDifference(before, after, ['spec', 'nodeAffinity']) ?? ['spec', 'nodeAffinity'], message: `nodeAffinity: Invalid value: ${render(after ?? null)}: field is immutable, except for updating from beta label to GA` });
  }
  return out;
};

const roleRef: Check = (o, n) => (equivalent(o.roleRef, n.roleRef) ? [] : [{ path: firstDifference(o.roleRef, n.roleRef, ['roleRef']) ?? ['roleRef'], message: `roleRef: Invalid value: ${render(n.roleRef)}: cannot change roleRef` }]);

const POD_MUTABLE = new Set(['activeDeadlineSeconds', 'tolerations', 'terminationGracePeriodSeconds']);
const pod: Check = (o, n) => {
  const withoutMutable = (x: Obj) => {
    const spec = podSpec(obj(x.spec)) as Obj;
    const copy: Obj = Object.fromEntries(Object.entries(spec).filter(([k]) => !POD_MUTABLE.has(k)));
    for (const f of ['containers', 'initContainers']) if (Array.isArray(copy[f])) copy[f] = (copy[f] as unknown[]).map((c) => ({ ...obj(c), image: undefined }));
    return copy;
  };
  const before = withoutMutable(o);
  const after = withoutMutable(n);
  if (equivalent(before, after)) return [];
  return [{ path: firstDifference(before, after, ['spec']) ?? ['spec'], message: 'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)' }];
};

/** group/kind → the checks of an update. */
export const IMMUTABLE_CHECKS: Record<string, Check> = {
  'apps/Deployment': selector,
  'apps/ReplicaSet': selector,
  'apps/DaemonSet': selector,
  'apps/StatefulSet': statefulSet,
  'batch/Job': job,
  '/Service': service,
  '/ConfigMap': immutableData('ConfigMap'),
  '/Secret': immutableData('Secret'),
  '/PersistentVolumeClaim': pvc,
  '/Pod': pod,
  'rbac.authorization.k8s.io/RoleBinding': roleRef,
  'rbac.authorization.k8s.io/ClusterRoleBinding': roleRef,
  '/PersistentVolume': persistentVolume,
  '/ResourceQuota': (o, n) => immutable(['spec', 'scopes'], o, n),
  'networking.k8s.io/IngressClass': (o, n) => immutable(['spec', 'controller'], o, n),
};

export function immutableChanges(group: string, kind: string, oldObj: Obj, newObj: Obj): Change[] {
  const check = IMMUTABLE_CHECKS[`${group}/${kind}`];
  return check ? check(oldObj, newObj) : [];
}

/** What each check refuses, for docs/rules.md (a test keeps it in step with IMMUTABLE_CHECKS). */
export const IMMUTABLE_FIELDS_DOC: Record<string, string> = {
  'apps/Deployment': '`spec.selector`',
  'apps/ReplicaSet': '`spec.selector`',
  'apps/DaemonSet': '`spec.selector`',
  'apps/StatefulSet': 'all of `spec` except `replicas`, `ordinals`, `template`, `updateStrategy`, `revisionHistoryLimit`, `persistentVolumeClaimRetentionPolicy`, `minReadySeconds` (so `selector`, `serviceName`, `volumeClaimTemplates`, `podManagementPolicy`, …)',
  'batch/Job': '`spec.template` (a suspended Job may change scheduling directives), `spec.completionMode`, `spec.podFailurePolicy`, `spec.backoffLimitPerIndex`, `spec.managedBy`, `spec.successPolicy`, `spec.completions` (Indexed Jobs: only together with `parallelism`)',
  '/Service': '`spec.clusterIP` once allocated',
  '/ConfigMap': '`data` and `binaryData` when `immutable: true`; `immutable` itself once true',
  '/Secret': '`type`; `data`/`stringData` when `immutable: true`; `immutable` itself once true',
  '/PersistentVolumeClaim': 'all of `spec` except `resources.requests` and `volumeAttributesClassName`; `resources.requests.storage` may not decrease',
  '/PersistentVolume': 'the volume source (`nfs`, `csi`, `hostPath`, …); `nodeAffinity` once set',
  '/ResourceQuota': '`spec.scopes`',
  '/Pod': 'all of `spec` except container and init-container `image`, `activeDeadlineSeconds`, `tolerations` (additions), `terminationGracePeriodSeconds`',
  'rbac.authorization.k8s.io/RoleBinding': '`roleRef`',
  'rbac.authorization.k8s.io/ClusterRoleBinding': '`roleRef`',
  'networking.k8s.io/IngressClass': '`spec.controller`',
};

/** The markdown table of IMMUTABLE_FIELDS_DOC. */
export function immutableFieldsTable(): string {
  const rows = Object.entries(IMMUTABLE_FIELDS_DOC).map(([key, fields]) => {
    const [group, kind] = key.split('/');
    return `| ${kind} | ${group || 'core'} | ${fields} |`;
  });
  return ['| kind | group | immutable on update |', '|---|---|---|', ...rows].join('\n');
}
