// Apply the current file: server-side dry run of every object, a plan with its outcomes, a diff
// limited to the fields the file sets, one confirmation, then server-side apply as `kubesight`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { applicable, executeApply, planApply } from '../../client/src/cluster/apply';
import { manifestsOf } from '../../client/src/cluster/manifests';
import { lineOfPath, locateManifests, parseFieldPath } from '../../client/src/cluster/yaml-locations';
import { WritePolicy, type WriteSummary } from '../../client/src/cluster/safety';
import { findType } from './api-server/resources';
import { startCluster, type ClusterFixture } from './setup';

let f: ClusterFixture;
const policy = new WritePolicy([]);
const FILE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.28.0
        ports:
        - name: http
          containerPort: 8080
        envFrom:
        - configMapRef: {name: app-config}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: feature-flags
data:
  BETA: "true"
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - name: http
    port: 80
    targetPort: http
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: ghcr.io/acme/api:2.5.0
        command: [php, artisan, migrate, --force]
---
apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
stringData:
  DB_PASSWORD: n3w-Pa55word
  DB_USER: directus
---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
`;
const manifests = () => parseAllDocuments(FILE).map((d) => d.toJS());

before(async () => {
  f = await startCluster();
});
after(() => f.server.close());

test('the plan: outcomes per object, in dependency order, from dry runs only', async () => {
  const writesBefore = f.server.writes().length;
  const plan = await planApply(f.connect(), manifests(), 'demo');
  const outcomes = plan.objects.map((o) => `${o.label}: ${o.outcome}${o.changedFields.length ? ` (${o.changedFields.join(', ')})` : ''}`);
  assert.deepEqual(outcomes, [
    'secret/db-credentials: update (data.DB_PASSWORD)',
    'configmap/feature-flags: create',
    'service/web: unchanged',
    'deployment.apps/web: update (spec.template.spec.containers[web].image)',
    'job.batch/migrate: immutable',
    'widget/w: unknown-kind',
  ]);
  assert.match(plan.objects.find((o) => o.outcome === 'immutable')!.message!, /Job\.batch "migrate" is invalid: spec\.template: Invalid value: .*: field is immutable/);
  const writes = f.server.writes().slice(writesBefore).filter((w) => !w.path.endsWith('/selfsubjectaccessreviews'));
  assert.ok(writes.length > 0 && writes.every((w) => w.query.get('dryRun') === 'All' && w.query.get('fieldManager') === 'kubesight'));
});

test('the diff shows only the fields the file sets, secrets masked', async () => {
  const plan = await planApply(f.connect(), manifests(), 'demo');
  const web = plan.objects.find((o) => o.label === 'deployment.apps/web')!;
  for (const noise of ['status', 'managedFields', 'resourceVersion', 'progressDeadlineSeconds', 'terminationMessagePath']) {
    assert.ok(!web.liveYaml.includes(noise) && !web.resultYaml.includes(noise), noise);
  }
  assert.match(web.liveYaml, /image: nginx:1\.27\.3/);
  assert.match(web.resultYaml, /image: nginx:1\.28\.0/);
  const secret = plan.objects.find((o) => o.label === 'secret/db-credentials')!;
  assert.ok(!`${secret.liveYaml}${secret.resultYaml}`.includes('n3w-Pa55word'));
  assert.ok(!`${secret.liveYaml}${secret.resultYaml}`.includes('s3cr3t-Pa55'));
});

test('declining the confirmation writes nothing; confirming applies create and update only', async () => {
  const plan = await planApply(f.connect(), manifests(), 'demo');
  const asked: WriteSummary[] = [];
  const real = () => f.server.writes().filter((w) => w.query.get('dryRun') !== 'All').length;
  const before = real();
  assert.deepEqual(await executeApply(f.connect(), plan, policy, async (s) => (asked.push(s), false)), []);
  assert.equal(real(), before);
  assert.deepEqual(asked[0].objects, ['update secret/db-credentials', 'create configmap/feature-flags', 'update deployment.apps/web']);
  assert.equal(asked[0].namespace, 'demo');
  const applied = await executeApply(f.connect(), plan, policy, async () => true);
  assert.deepEqual(applied.map((o) => o.label), applicable(plan).map((o) => o.label));
  const web = f.server.store.get(findType('apps', 'v1', 'deployments')!, 'demo', 'web')!;
  assert.equal(web.spec.template.spec.containers[0].image, 'nginx:1.28.0');
  assert.ok(web.metadata.managedFields.some((m: { manager: string; operation: string }) => m.manager === 'kubesight' && m.operation === 'Apply'));
  assert.ok(f.server.store.get(findType('', 'v1', 'configmaps')!, 'demo', 'feature-flags'));
  const again = await planApply(f.connect(), manifests(), 'demo');
  assert.deepEqual(again.objects.filter((o) => o.outcome === 'update' || o.outcome === 'create').map((o) => o.label), [], 'applied objects are unchanged afterwards');
});

test('a forbidden object is reported in the plan, not thrown', async () => {
  f.server.forbid = (verb, t) => (verb === 'patch' || verb === 'create') && t.plural === 'configmaps';
  try {
    const before = f.server.requests.length;
    const plan = await planApply(f.connect(), manifests().filter((m) => m.kind === 'ConfigMap'), 'demo');
    assert.equal(plan.objects[0].outcome, 'forbidden');
    assert.match(plan.objects[0].message!, /cannot (create|patch) resource "configmaps".*SelfSubjectAccessReview/);
    assert.ok(!f.server.requests.slice(before).some((r) => r.method === 'PATCH'), 'no dry run once the review says no');
  } finally {
    f.server.forbid = () => false;
  }
});

test('manifestsOf keeps Kubernetes objects, unpacks Lists, skips other YAML and broken documents', () => {
  const text = 'apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n---\nname: ci\non: push\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';
  assert.deepEqual(manifestsOf(text).map((m) => (m.metadata as { name: string }).name), ['a', 'c']);
});

test('an invalid object carries the API server message and the fields it names, mapped to lines', async () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: broken}\nspec:\n  selector: {app: web}\n  ports:\n    - name: http\n      port: 70000\n';
  const located = locateManifests(text);
  const [planned] = (await planApply(f.connect(), located.manifests.map((m) => m.manifest), 'demo')).objects;
  assert.equal(planned.outcome, 'invalid');
  assert.equal(planned.message, 'Service "broken" is invalid: spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive');
  assert.deepEqual(planned.fields, ['spec.ports[0].port']);
  assert.equal(lineOfPath(located, located.manifests[0].doc, parseFieldPath(planned.fields![0])), 7);
});
