// The client decodes a file as the server's diagnostics do (shared/manifest-yaml.ts): YAML 1.1 as
// the API server reads it. Before, apply read `defaultMode: 0644` as 644 (YAML 1.2), which the
// cluster refuses, while the diagnostics saw 420 and said nothing.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { executeApply, planApply } from '../../client/src/cluster/apply';
import { manifestsOf } from '../../client/src/cluster/manifests';
import { locateManifests } from '../../client/src/cluster/yaml-locations';
import { exportManifest } from '../../client/src/cluster/export';
import { viewYaml } from '../../client/src/cluster/masking';
import { encodeManifest } from '../../server/src/shared/manifest-yaml';
import { WritePolicy } from '../../client/src/cluster/safety';
import { parseFile } from '../../server/src/core/model/parse';
import { resourcesOfFile } from '../../server/src/core/model/resource';
import { findType } from './api-server/resources';
import { startCluster, type ClusterFixture } from './setup';

const FILE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: decoded
  annotations:
    released: 2024-01-01
spec:
  selector:
    matchLabels: {app: decoded}
  template:
    metadata:
      labels: {app: decoded}
    spec:
      automountServiceAccountToken: off
      containers:
        - name: web
          image: nginx:1.28.0
          stdin: yes
          volumeMounts:
            - name: tls
              mountPath: /etc/tls
              readOnly: on
      volumes:
        - name: tls
          secret:
            secretName: tls
            defaultMode: 0644
---
apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: listed}
    data:
      window: 1:30
      port: "0644"
`;

test('server and client decode a manifest alike: octal, YAML 1.1 booleans, List items, timestamps as strings', () => {
  const server = resourcesOfFile(parseFile(FILE)).map((r) => r.value);
  const client = manifestsOf(FILE);
  assert.deepEqual(client, server);
  const volume = (client[0] as { spec: { template: { spec: { volumes: { secret: { defaultMode: unknown } }[] } } } }).spec.template.spec.volumes[0];
  assert.equal(volume.secret.defaultMode, 420);
  const pod = (client[0] as { spec: { template: { spec: Record<string, unknown> & { containers: Record<string, unknown>[] } } } }).spec.template.spec;
  assert.equal(pod.automountServiceAccountToken, false);
  assert.equal(pod.containers[0].stdin, true);
  // go-yaml v2 keeps a timestamp and a sexagesimal-looking scalar as strings.
  assert.equal((client[0].metadata as { annotations: Record<string, unknown> }).annotations.released, '2024-01-01');
  assert.deepEqual(client.map((m) => m.kind), ['Deployment', 'ConfigMap']);
  assert.deepEqual(client[1].data, { window: '1:30', port: '0644' });
});

test('the code-lens locations decode as the server does', () => {
  const located = locateManifests(FILE).manifests.map((m) => m.manifest);
  assert.deepEqual(located, [resourcesOfFile(parseFile(FILE)).map((r) => r.value)[0]]);
});

test('an exported live object decodes back to itself: strings YAML 1.1 reads otherwise are quoted', () => {
  const live = {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'flags', uid: 'u-1', resourceVersion: '7' },
    data: { enabled: 'yes', legacy: 'on', mode: '0644', n: 'n', released: '2024-01-01' },
  };
  const text = encodeManifest(exportManifest(live));
  assert.match(text, /enabled: "yes"/);
  assert.match(text, /mode: "0644"/);
  assert.deepEqual(manifestsOf(text), [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'flags' }, data: live.data }]);
  assert.deepEqual(resourcesOfFile(parseFile(viewYaml(live))).map((r) => r.value), [live]);
});

let f: ClusterFixture;
before(async () => {
  f = await startCluster();
});
after(() => f.server.close());

test('apply sends defaultMode 0644 as 420, which the cluster accepts', async () => {
  const plan = await planApply(f.connect(), manifestsOf(FILE), 'demo');
  assert.deepEqual(plan.objects.map((o) => `${o.label}: ${o.outcome}`), ['configmap/listed: create', 'deployment.apps/decoded: create']);
  await executeApply(f.connect(), plan, new WritePolicy([]), async () => true);
  const stored = f.server.store.get(findType('apps', 'v1', 'deployments')!, 'demo', 'decoded')!;
  assert.equal(stored.spec.template.spec.volumes[0].secret.defaultMode, 420);
  assert.equal(stored.spec.template.spec.containers[0].volumeMounts[0].readOnly, true);
});

test('the API test server refuses the mode YAML 1.2 would have sent', async () => {
  const decimal = manifestsOf(FILE.replace('defaultMode: 0644', 'defaultMode: 644').replace('name: decoded\n', 'name: decimal\n'))[0];
  const [planned] = (await planApply(f.connect(), [decimal], 'demo')).objects;
  assert.equal(planned.outcome, 'invalid');
  assert.match(planned.message!, /spec\.template\.spec\.volumes\[0\]\.secret\.defaultMode: Invalid value: 644: must be a number between 0 and 0777 \(octal\), both inclusive/);
});
