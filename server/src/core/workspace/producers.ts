/**
 * Objects that controllers create from the objects of the workspace: the Secret a cert-manager
 * Certificate writes, the pods and Services of a Prometheus, the Secrets of a CloudNativePG
 * Cluster. References to them are not missing. One entry per producer (group and kind), as data:
 * adding a producer is a table row and a fixture (test/fixtures/producers/), not code.
 *
 * Names are templates over the producing object: `{name}` (metadata.name), `{namespace}`, or a
 * field path such as `{spec.secretName}`; a list of templates takes the first that resolves (a
 * field that is not set falls back to the next). Keys are the data keys the controller writes;
 * without `keys` they are unknown, so missing-key stays silent. Pod labels are the labels the
 * controller puts on every pod it runs for that object, the ones Services and policies select on.
 */
import { asArray, asObject, stringMap, valueAt } from './pod-template';

type NameTemplate = string | readonly string[];

interface ProducedData {
  kind: 'Secret' | 'ConfigMap' | 'ServiceAccount' | 'Service' | 'PersistentVolumeClaim';
  name: NameTemplate;
  keys?: readonly string[];
  /** Field whose map keys (`spec.encryptedData`) or list items' field (`spec.data[].secretKey`) are data keys too. */
  keysFrom?: readonly string[];
  /** Only when this field of the producer is set (or equals the value). */
  when?: { path: string; equals?: unknown };
}

interface ProducedPods {
  labels?: Readonly<Record<string, string>>;
  /** Label maps read from the producer: a path whose `[]` segments go through every item of a list. */
  labelsFrom?: string;
}

export interface Producer {
  group: string;
  kind: string;
  /** Where the names come from (the controller's documentation), for readers of the table. */
  source: string;
  objects?: readonly ProducedData[];
  pods?: readonly ProducedPods[];
}

const TLS_KEYS = ['tls.crt', 'tls.key', 'ca.crt'];
const CNPG_APP_KEYS = ['username', 'password', 'host', 'port', 'dbname', 'uri', 'jdbc-uri', 'pgpass', 'user', 'fqdn-uri', 'fqdn-jdbc-uri'];
const STRIMZI_CA = (which: string): ProducedData[] => [
  { kind: 'Secret', name: `{name}-${which}-ca-cert`, keys: ['ca.crt', 'ca.p12', 'ca.password'] },
  { kind: 'Secret', name: `{name}-${which}-ca`, keys: ['ca.key'] },
];
const PROMETHEUS_OPERATOR_LABELS = (app: string): Record<string, string> => ({
  [app]: '{name}',
  'app.kubernetes.io/name': app,
  'app.kubernetes.io/instance': '{name}',
  'app.kubernetes.io/managed-by': 'prometheus-operator',
  'operator.prometheus.io/name': '{name}',
});

export const PRODUCERS: readonly Producer[] = [
  {
    group: 'cert-manager.io', kind: 'Certificate', source: 'cert-manager: the Secret named by spec.secretName holds the key pair',
    objects: [{ kind: 'Secret', name: '{spec.secretName}', keys: TLS_KEYS }],
  },
  {
    group: 'external-secrets.io', kind: 'ExternalSecret', source: 'External Secrets: spec.target.name, else the ExternalSecret\'s name',
    objects: [{ kind: 'Secret', name: ['{spec.target.name}', '{name}'], keysFrom: ['spec.data[].secretKey', 'spec.target.template.data'], when: { path: 'spec.dataFrom', equals: undefined } }, { kind: 'Secret', name: ['{spec.target.name}', '{name}'], when: { path: 'spec.dataFrom' } }],
  },
  {
    group: 'bitnami.com', kind: 'SealedSecret', source: 'Sealed Secrets: the Secret of the same name, keys of spec.encryptedData',
    objects: [{ kind: 'Secret', name: ['{spec.template.metadata.name}', '{name}'], keysFrom: ['spec.encryptedData', 'spec.template.data'] }],
  },
  {
    group: 'monitoring.coreos.com', kind: 'Prometheus', source: 'Prometheus operator: StatefulSet prometheus-<name>, Service prometheus-operated',
    objects: [{ kind: 'Service', name: 'prometheus-operated' }, { kind: 'Secret', name: 'prometheus-{name}' }],
    pods: [{ labels: PROMETHEUS_OPERATOR_LABELS('prometheus') }],
  },
  {
    group: 'monitoring.coreos.com', kind: 'Alertmanager', source: 'Prometheus operator: StatefulSet alertmanager-<name>, Service alertmanager-operated',
    objects: [{ kind: 'Service', name: 'alertmanager-operated' }],
    pods: [{ labels: PROMETHEUS_OPERATOR_LABELS('alertmanager') }],
  },
  {
    group: 'postgresql.cnpg.io', kind: 'Cluster', source: 'CloudNativePG: Services <name>-rw/-ro/-r, Secrets <name>-app, -superuser, -ca, -server, -replication',
    objects: [
      { kind: 'Service', name: '{name}-rw' }, { kind: 'Service', name: '{name}-ro' }, { kind: 'Service', name: '{name}-r' },
      { kind: 'Secret', name: ['{spec.bootstrap.initdb.secret.name}', '{name}-app'], keys: CNPG_APP_KEYS },
      { kind: 'Secret', name: ['{spec.superuserSecret.name}', '{name}-superuser'], keys: CNPG_APP_KEYS },
      { kind: 'Secret', name: '{name}-ca', keys: ['ca.crt', 'ca.key'] },
      { kind: 'Secret', name: '{name}-server', keys: ['tls.crt', 'tls.key'] },
      { kind: 'Secret', name: '{name}-replication', keys: ['tls.crt', 'tls.key'] },
      { kind: 'ServiceAccount', name: '{name}' },
    ],
    pods: [
      { labels: { 'cnpg.io/cluster': '{name}', 'cnpg.io/podRole': 'instance', 'cnpg.io/instanceRole': 'primary', role: 'primary' } },
      { labels: { 'cnpg.io/cluster': '{name}', 'cnpg.io/podRole': 'instance', 'cnpg.io/instanceRole': 'replica', role: 'replica' } },
    ],
  },
  {
    group: 'postgresql.cnpg.io', kind: 'Pooler', source: 'CloudNativePG: Deployment and Service named after the Pooler',
    objects: [{ kind: 'Service', name: '{name}' }],
    pods: [{ labels: { 'cnpg.io/poolerName': '{name}', 'cnpg.io/podRole': 'pooler' } }],
  },
  {
    group: 'kafka.strimzi.io', kind: 'Kafka', source: 'Strimzi: Services <name>-kafka-bootstrap/-brokers, cluster and clients CA Secrets',
    objects: [{ kind: 'Service', name: '{name}-kafka-bootstrap' }, { kind: 'Service', name: '{name}-kafka-brokers' }, ...STRIMZI_CA('cluster'), ...STRIMZI_CA('clients')],
    pods: [{ labels: { 'strimzi.io/cluster': '{name}', 'strimzi.io/kind': 'Kafka', 'strimzi.io/name': '{name}-kafka' } }],
  },
  {
    group: 'kafka.strimzi.io', kind: 'KafkaUser', source: 'Strimzi: a Secret named after the user (TLS or SCRAM credentials)',
    objects: [{ kind: 'Secret', name: '{name}', keys: ['ca.crt', 'user.crt', 'user.key', 'user.p12', 'user.password', 'password', 'sasl.jaas.config'] }],
  },
  {
    group: 'kafka.strimzi.io', kind: 'KafkaConnect', source: 'Strimzi: Service <name>-connect-api',
    objects: [{ kind: 'Service', name: '{name}-connect-api' }],
    pods: [{ labels: { 'strimzi.io/cluster': '{name}', 'strimzi.io/kind': 'KafkaConnect', 'strimzi.io/name': '{name}-connect' } }],
  },
  {
    group: 'kafka.strimzi.io', kind: 'KafkaBridge', source: 'Strimzi: Service <name>-bridge-service',
    objects: [{ kind: 'Service', name: '{name}-bridge-service' }],
    pods: [{ labels: { 'strimzi.io/cluster': '{name}', 'strimzi.io/kind': 'KafkaBridge', 'strimzi.io/name': '{name}-bridge' } }],
  },
  {
    group: 'ceph.rook.io', kind: 'CephCluster', source: 'Rook: mon Secret and endpoints ConfigMap, mgr Services, daemon pods labelled with the cluster namespace',
    objects: [
      { kind: 'Secret', name: 'rook-ceph-mon', keys: ['admin-secret', 'ceph-secret', 'ceph-username', 'fsid', 'mon-secret'] },
      { kind: 'ConfigMap', name: 'rook-ceph-mon-endpoints', keys: ['data', 'mapping', 'maxMonId', 'csi-cluster-config-json'] },
      { kind: 'Service', name: 'rook-ceph-mgr' }, { kind: 'Service', name: 'rook-ceph-mgr-dashboard' },
    ],
    pods: ['mon', 'mgr', 'osd', 'osd-prepare', 'crashcollector', 'exporter'].map((daemon) => ({
      labels: { app: `rook-ceph-${daemon}`, rook_cluster: '{namespace}', ceph_daemon_type: daemon, ...(daemon === 'mgr' ? { mgr_role: 'active' } : {}) },
    })),
  },
  {
    group: 'ceph.rook.io', kind: 'CephObjectStore', source: 'Rook: Service rook-ceph-rgw-<name>, rgw pods',
    objects: [{ kind: 'Service', name: 'rook-ceph-rgw-{name}' }],
    pods: [{ labels: { app: 'rook-ceph-rgw', rook_cluster: '{namespace}', rook_object_store: '{name}', ceph_daemon_type: 'rgw' } }],
  },
  {
    group: 'ceph.rook.io', kind: 'CephFilesystem', source: 'Rook: mds pods',
    pods: [{ labels: { app: 'rook-ceph-mds', rook_cluster: '{namespace}', rook_file_system: '{name}', ceph_daemon_type: 'mds' } }],
  },
  {
    group: 'ceph.rook.io', kind: 'CephNFS', source: 'Rook: one NFS server pod per instance (a, b, …)',
    pods: [{ labels: { app: 'rook-ceph-nfs', ceph_nfs: '{name}', rook_cluster: '{namespace}', instance: 'a', ceph_daemon_type: 'nfs' } }],
  },
  {
    group: 'argoproj.io', kind: 'Rollout', source: 'Argo Rollouts: an experiment step runs ReplicaSets whose templates may override the pod labels',
    pods: [{ labelsFrom: 'spec.strategy.canary.steps[].experiment.templates[].metadata.labels' }],
  },
  {
    group: 'argoproj.io', kind: 'Experiment', source: 'Argo Rollouts: one ReplicaSet per template, with that template\'s pod labels',
    pods: [{ labelsFrom: 'spec.templates[].template.metadata.labels' }],
  },
  {
    group: 'serving.knative.dev', kind: 'Service', source: 'Knative Serving: a Kubernetes Service of the same name, pods labelled with the service name',
    objects: [{ kind: 'Service', name: '{name}' }],
    pods: [{ labels: { 'serving.knative.dev/service': '{name}' } }],
  },
];

/** What the producing object is, for the table lookup and the names. */
export interface ProducerInput {
  group: string;
  kind: string;
  name: string;
  namespace: string;
  value: Record<string, unknown>;
}

export interface ProducedObject {
  kind: ProducedData['kind'];
  name: string;
  /** Undefined: the controller writes keys this table does not know. */
  keys?: ReadonlySet<string>;
}

const BY_KIND = new Map(PRODUCERS.map((p) => [`${p.group}/${p.kind}`, p]));

export function producerOf(group: string, kind: string): Producer | undefined {
  return BY_KIND.get(`${group}/${kind}`);
}

/** The objects a controller creates for this one (none when it is no known producer). */
export function producedObjects(input: ProducerInput): ProducedObject[] {
  const producer = producerOf(input.group, input.kind);
  const out: ProducedObject[] = [];
  for (const entry of producer?.objects ?? []) {
    if (entry.when && !conditionHolds(input, entry.when)) continue;
    const name = resolveName(input, entry.name);
    if (!name) continue;
    const keys = entry.keys || entry.keysFrom ? new Set([...(entry.keys ?? []), ...(entry.keysFrom ?? []).flatMap((p) => keysAt(input.value, p))]) : undefined;
    out.push({ kind: entry.kind, name, keys });
  }
  return out;
}

/** Label sets of the pods a controller runs for this object. */
export function producedPodLabels(input: ProducerInput): Record<string, string>[] {
  return (producerOf(input.group, input.kind)?.pods ?? []).flatMap((pods) => {
    if (pods.labelsFrom) return valuesAt(input.value, pods.labelsFrom.split('.')).map(stringMap).filter((l) => Object.keys(l).length > 0);
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(pods.labels ?? {})) labels[k] = fill(input, v) ?? v;
    return [labels];
  });
}

/** Every value at a path whose `name[]` segments go through each item of the list `name`. */
function valuesAt(root: unknown, path: readonly string[]): unknown[] {
  let current: unknown[] = [root];
  for (const segment of path) {
    const list = segment.endsWith('[]');
    const key = list ? segment.slice(0, -2) : segment;
    current = current.flatMap((v) => {
      const next = asObject(v)?.[key];
      return next === undefined ? [] : list ? asArray(next) : [next];
    });
  }
  return current;
}

function conditionHolds(input: ProducerInput, when: NonNullable<ProducedData['when']>): boolean {
  const value = valueAt(input.value, when.path.split('.'));
  return 'equals' in when ? value === when.equals : value !== undefined;
}

function resolveName(input: ProducerInput, template: NameTemplate): string | undefined {
  for (const t of typeof template === 'string' ? [template] : template) {
    const name = fill(input, t);
    if (name) return name;
  }
  return undefined;
}

/** `{name}`, `{namespace}` or `{a.b.c}` replaced; undefined when a field is not a string. */
function fill(input: ProducerInput, template: string): string | undefined {
  let missing = false;
  const out = template.replace(/\{([^}]+)\}/g, (_m, field: string) => {
    const value = field === 'name' ? input.name : field === 'namespace' ? input.namespace : valueAt(input.value, field.split('.'));
    if (typeof value !== 'string' || value === '') missing = true;
    return typeof value === 'string' ? value : '';
  });
  return missing ? undefined : out;
}

/** `spec.encryptedData` → its map keys; `spec.data[].secretKey` → that field of each item. */
function keysAt(root: unknown, path: string): string[] {
  const [listPath, itemField] = path.split('[].');
  const target = valueAt(root, listPath.split('.'));
  if (itemField !== undefined) return asArray(target).map((item) => asObject(item)?.[itemField]).filter((k): k is string => typeof k === 'string');
  return Object.keys(stringMap(target)).concat(Object.keys(asObject(target) ?? {})).filter((k, i, all) => all.indexOf(k) === i);
}
