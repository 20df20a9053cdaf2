// The live cluster as the immutable-field baseline (kubesight/liveBaseline): the file is merged over
// the live object as `kubectl apply` does, the live object wins over git, and messages name it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { combineBaselines } from '../server/src/core/immutable/baseline';
import { alignedTo, appliedOver, liveBaseline } from '../server/src/core/immutable/live-baseline';
import { parseFile } from '../server/src/core/model/parse';
import { findings, gitBaseline as git, immutableFindings } from './immutable-findings';

const job = (image: string, namespace = '') => `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
  template:
    metadata:
      labels: {app: migrate}
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ${image}
          resources:
            requests: {memory: 1Gi, cpu: "1"}
`;

/** The Job as the API server returns it: defaults, generated selector and labels, metadata. */
const liveJob = (image: string, namespace = 'shop') => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: {
    name: 'migrate',
    namespace,
    uid: '5f0c6a52-8d1e-4b0b-9a57-2b1f0c1d9e11',
    resourceVersion: '48213',
    generation: 1,
    creationTimestamp: '2025-05-02T09:14:07Z',
    labels: { 'batch.kubernetes.io/controller-uid': '5f0c6a52-8d1e-4b0b-9a57-2b1f0c1d9e11', 'batch.kubernetes.io/job-name': 'migrate' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"batch/v1","kind":"Job"}' },
  },
  spec: {
    parallelism: 1,
    completions: 1,
    backoffLimit: 6,
    completionMode: 'NonIndexed',
    suspend: false,
    manualSelector: false,
    podReplacementPolicy: 'TerminatingOrFailed',
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': '5f0c6a52-8d1e-4b0b-9a57-2b1f0c1d9e11' } },
    template: {
      metadata: {
        creationTimestamp: null,
        labels: { app: 'migrate', 'batch.kubernetes.io/controller-uid': '5f0c6a52-8d1e-4b0b-9a57-2b1f0c1d9e11', 'batch.kubernetes.io/job-name': 'migrate', 'controller-uid': '5f0c6a52-8d1e-4b0b-9a57-2b1f0c1d9e11', 'job-name': 'migrate' },
      },
      spec: {
        containers: [
          { name: 'migrate', image, imagePullPolicy: 'IfNotPresent', resources: { requests: { cpu: '1', memory: '1Gi' } }, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
        ],
        dnsPolicy: 'ClusterFirst',
        restartPolicy: 'Never',
        schedulerName: 'default-scheduler',
        securityContext: {},
        terminationGracePeriodSeconds: 30,
      },
    },
  },
  status: { startTime: '2025-05-02T09:14:07Z', succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
});

const live = (...objects: Record<string, unknown>[]) => liveBaseline({ context: 'dev', namespace: 'shop', objects });

test('a Job whose file changes the container image vs the live object is an error naming the cluster', () => {
  const [[text, message]] = findings(live(liveJob('shop/migrate:1.4.2')), job('shop/migrate:1.5.0'));
  assert.equal(text, 'image');
  assert.match(message, /^spec\.template: Invalid value: \{.*: field is immutable \(compared with the live object in cluster context "dev"\); /);
});

test('server defaults, generated labels and selector, metadata and status in the live object are not changes', () => {
  assert.deepEqual(findings(live(liveJob('shop/migrate:1.4.2')), job('shop/migrate:1.4.2')), []);
  // Equal quantities written differently, defaults written out in the file.
  const written = job('shop/migrate:1.4.2').replace('{memory: 1Gi, cpu: "1"}', '{cpu: 1000m, memory: 1024Mi}\n          imagePullPolicy: IfNotPresent');
  assert.deepEqual(findings(live(liveJob('shop/migrate:1.4.2')), written), []);
});

test('a manifest without namespace matches the live object in the active namespace only', () => {
  assert.equal(findings(live(liveJob('shop/migrate:1.4.2', 'shop')), job('shop/migrate:1.5.0')).length, 1);
  assert.equal(findings(live(liveJob('shop/migrate:1.4.2', 'shop')), job('shop/migrate:1.5.0', 'shop')).length, 1);
  assert.deepEqual(findings(live(liveJob('shop/migrate:1.4.2', 'other')), job('shop/migrate:1.5.0')), []);
  assert.deepEqual(findings(live(liveJob('shop/migrate:1.4.2', 'shop')), job('shop/migrate:1.5.0', 'other')), []);
});

test('the live object wins over git; without one the git result is unchanged', () => {
  const both = (objects: Record<string, unknown>[]) => combineBaselines(liveBaseline({ context: 'dev', namespace: 'shop', objects }), git(job('shop/migrate:1.4.2')));
  // Git says the image changed, the cluster already runs the new one: the server would accept it.
  assert.deepEqual(findings(both([liveJob('shop/migrate:1.5.0')]), job('shop/migrate:1.5.0')), []);
  // The file equals git but the cluster runs something else: the server refuses.
  assert.match(findings(both([liveJob('shop/migrate:1.3.0')]), job('shop/migrate:1.4.2'))[0][1], /compared with the live object in cluster context "dev"\); /);
  // No live object (not applied yet, or disconnected): exactly the git finding.
  const gitOnly = findings(git(job('shop/migrate:1.4.2')), job('shop/migrate:1.5.0'));
  assert.match(gitOnly[0][1], /\(compared with git HEAD\); /);
  assert.deepEqual(findings(both([]), job('shop/migrate:1.5.0')), gitOnly);
  assert.deepEqual(findings(both([{ ...liveJob('shop/migrate:1.4.2'), metadata: { name: 'other', namespace: 'shop' } }]), job('shop/migrate:1.5.0')), gitOnly);
  assert.equal(combineBaselines(undefined, undefined), undefined);
});

test('other kinds: a Deployment selector, a Service clusterIP allocated by the server, malformed entries', () => {
  const deploy = (app: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector:\n    matchLabels: {app: ${app}}\n  template:\n    metadata: {labels: {app: ${app}}}\n    spec:\n      containers: [{name: web, image: "nginx:1.27.3"}]\n`;
  const liveDeploy = { ...(parseFile(deploy('web')).documents[0].doc.toJS() as Record<string, unknown>), metadata: { name: 'web', namespace: 'shop' } };
  assert.deepEqual(findings(live(liveDeploy), deploy('web')), []);
  assert.deepEqual(findings(live(liveDeploy), deploy('web2')).map(([t]) => t), ['app']);
  const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80}]\n';
  const liveSvc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'shop' }, spec: { clusterIP: '10.96.4.7', clusterIPs: ['10.96.4.7'], type: 'ClusterIP', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] } };
  assert.deepEqual(findings(live(liveSvc), svc), []);
  assert.equal(findings(live(liveSvc), svc.replace('spec:\n', 'spec:\n  clusterIP: 10.96.4.8\n')).length, 1);
  const malformed = liveBaseline({ context: 'dev', namespace: 'shop', objects: [null, 'x', { kind: 'Job' }, { apiVersion: 'batch/v1', kind: 'Job', metadata: {} }] as unknown as Record<string, unknown>[] });
  assert.deepEqual(findings(malformed, job('shop/migrate:1.5.0')), []);
});

test('appliedOver merges named lists by name, keeps live-only items and fields, and a null keeps the live value', () => {
  const liveSpec = { containers: [{ name: 'a', image: 'a:1', imagePullPolicy: 'IfNotPresent' }, { name: 'b', image: 'b:1' }], dnsPolicy: 'ClusterFirst', args: ['x', 'y'] };
  const file = { containers: [{ name: 'b', image: 'b:2' }], args: ['z'], dnsPolicy: null };
  const before = alignedTo(liveSpec, file);
  assert.deepEqual(before, { ...liveSpec, containers: [liveSpec.containers[1], liveSpec.containers[0]] });
  assert.deepEqual(appliedOver(before, file), {
    containers: [{ name: 'b', image: 'b:2' }, { name: 'a', image: 'a:1', imagePullPolicy: 'IfNotPresent' }],
    dnsPolicy: 'ClusterFirst',
    args: ['z'],
  });
});

test('a container injected into the live template (first) is not a change; a change is marked at the file\'s index', () => {
  const injected = liveJob('shop/migrate:1.4.2');
  const spec = injected.spec.template.spec as Record<string, unknown>;
  spec.containers = [{ name: 'proxy', image: 'mesh/proxy:1.0' }, ...(spec.containers as unknown[])];
  assert.deepEqual(findings(live(injected), job('shop/migrate:1.4.2')), []);
  const text = job('shop/migrate:1.5.0');
  const [finding] = immutableFindings(live(injected), text);
  assert.equal(text.slice(finding.start, finding.end), 'image');
  assert.equal(text.slice(0, finding.start).split('\n').length, 13);
});
