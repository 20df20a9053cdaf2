import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IMMUTABLE_CHECKS, IMMUTABLE_FIELDS_DOC } from '../server/src/core/immutable/checks';
import { nextName } from '../server/src/core/rules/immutable-field';
import { gitBaselineLoader } from '../server/src/io/git-baseline';
import { runCli } from './cli/run';
import { findings, gitBaseline, immutableFindings } from './immutable-findings';
import { committedWorkspace } from './temp-workspace';

/** immutable-field findings of `after` against `before`, as [marked text, message]. */
const changes = (before: string, after: string): [string, string][] => findings(gitBaseline(before), after);

const job = (image: string, extra = '') => `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ${image}
          resources:
            requests: {memory: 1Gi, cpu: "1"}${extra}
`;

test('a Job template change is immutable, marked at the changed key, in API words', () => {
  const [[text, message]] = changes(job('shop/api:1.4.2'), job('shop/api:1.5.0'));
  assert.equal(text, 'image');
  assert.match(message, /^spec\.template: Invalid value: \{.*: field is immutable \(compared with git HEAD\); delete the Job and apply again, or give this run a new name/);
});

test('defaults written out, reordered maps and equal quantities are not changes', () => {
  const before = job('shop/api:1.4.2');
  const after = job('shop/api:1.4.2', '\n          imagePullPolicy: IfNotPresent\n          terminationMessagePolicy: File').replace('{memory: 1Gi, cpu: "1"}', '{cpu: 1000m, memory: 1024Mi}');
  assert.deepEqual(changes(before, after), []);
  assert.deepEqual(changes(before, before), []);
});

test('defaults shared with the export (server/src/shared/api-defaults.ts) are not changes either', () => {
  const pod = (image: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: ${image}${extra}\n`;
  // `resources: {}` is the API server's default for a container (the export always dropped it).
  assert.deepEqual(changes(pod('nginx:1.27.3'), pod('nginx:1.27.3', '\n      resources: {}')), []);
  assert.deepEqual(changes(job('shop/api:1.4.2').replace(/\n +resources:\n.*\n/, '\n'), job('shop/api:1.4.2').replace(/requests: .*/, '{}')), []);
  assert.equal(changes(pod('nginx:1.27.3'), pod('nginx:1.27.3', '\n      resources: {requests: {cpu: 100m}}')).length, 1, 'a real request still is');
  // A tag and a digest: the tag decides the pull policy (`latest` → Always).
  const pinned = 'nginx:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000';
  assert.deepEqual(changes(pod(pinned), pod(pinned, '\n      imagePullPolicy: Always')), []);
  assert.equal(changes(pod(pinned), pod(pinned, '\n      imagePullPolicy: IfNotPresent')).length, 1);
});

test('a suspended Job may change its scheduling directives only', () => {
  const suspended = (extra: string) => job('shop/api:1.4.2').replace('spec:\n  template:', `spec:\n  suspend: true\n  template:`).replace('      restartPolicy: Never', `      restartPolicy: Never${extra}`);
  assert.deepEqual(changes(suspended(''), suspended('\n      nodeSelector: {pool: batch}')), []);
  assert.equal(changes(suspended(''), suspended('\n      hostNetwork: true')).length, 1);
});

test('workload selectors, StatefulSet spec, PVC storage, roleRef, clusterIP, immutable ConfigMaps, Secret type', () => {
  const deploy = (app: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector:\n    matchLabels: {app: ${app}}\n  template:\n    metadata: {labels: {app: ${app}}}\n    spec:\n      containers: [{name: web, image: "nginx:1.27.3"}]\n`;
  assert.deepEqual(changes(deploy('web'), deploy('web2')).map(([t]) => t), ['app']);
  const sts = (replicas: number, storage: string) => `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  replicas: ${replicas}\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: "postgres:16.4"}]\n  volumeClaimTemplates:\n    - metadata: {name: data}\n      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: ${storage}}}}\n`;
  assert.deepEqual(changes(sts(1, '1Gi'), sts(3, '1Gi')), []);
  assert.match(changes(sts(1, '1Gi'), sts(1, '2Gi'))[0][1], /^spec: Forbidden: updates to statefulset spec for fields other than 'replicas'/);
  const pvc = (size: string, mode = 'ReadWriteOnce') => `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  accessModes: [${mode}]\n  resources: {requests: {storage: ${size}}}\n`;
  assert.deepEqual(changes(pvc('1Gi'), pvc('2Gi')), []);
  assert.match(changes(pvc('2Gi'), pvc('1Gi'))[0][1], /can not be less than previous value/);
  assert.match(changes(pvc('1Gi'), pvc('1Gi', 'ReadWriteMany'))[0][1], /^spec: Forbidden: spec is immutable after creation/);
  const binding = (role: string) => `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: b}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${role}}\nsubjects: []\n`;
  assert.match(changes(binding('a'), binding('b'))[0][1], /^roleRef: Invalid value: .*cannot change roleRef/);
  const svc = (ip: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  clusterIP: ${ip}\n  ports: [{port: 80}]\n`;
  assert.equal(changes(svc('10.0.0.1'), svc('10.0.0.2')).length, 1);
  assert.deepEqual(changes(svc('10.0.0.1'), svc('""')), []);
  const cm = (immutable: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n${immutable}data:\n  a: "${value}"\n`;
  assert.deepEqual(changes(cm('', '1'), cm('', '2')), []);
  assert.match(changes(cm('immutable: true\n', '1'), cm('immutable: true\n', '2'))[0][1], /^data: Forbidden: field is immutable when `immutable` is set/);
  assert.match(changes(cm('immutable: true\n', '1'), cm('', '1'))[0][1], /^immutable: Forbidden/);
  const secret = (type: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n${type}stringData: {a: b}\n`;
  assert.deepEqual(changes(secret(''), secret('type: Opaque\n')), []);
  assert.match(changes(secret(''), secret('type: kubernetes.io/basic-auth\n'))[0][1], /^type: Invalid value: "kubernetes.io\/basic-auth": field is immutable/);
});

test('objects are matched by identity: moved ones still match, renamed or new ones have no baseline', () => {
  const moved = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n---\n${job('shop/api:1.5.0')}`;
  assert.equal(changes(job('shop/api:1.4.2'), moved).length, 1);
  assert.deepEqual(changes(job('shop/api:1.4.2'), job('shop/api:1.5.0').replace('name: migrate\nspec', 'name: migrate-2\nspec')), []);
});

test('CLI --against: the committed Job edited in the work tree is an error; a bad ref is bad usage', () => {
  const { dir } = committedWorkspace('kubesight-git-', { 'job.yaml': job('shop/api:1.4.2') });
  writeFileSync(join(dir, 'job.yaml'), job('shop/api:1.5.0'));
  const cli = (...args: string[]) => runCli(['check', '.', ...args], dir);
  const r = cli('--against', 'HEAD', '--format', 'json');
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout)[0].messages.map((m: { ruleId: string; line: number }) => [m.ruleId, m.line]), [['immutable-field', 11]]);
  assert.equal(cli().status, 0, 'without --against there is no baseline');
  assert.equal(cli('--against', 'no-such-ref').status, 2);
});

test('docs/rules.md lists the immutable fields of every kind the check table covers', () => {
  assert.deepEqual(Object.keys(IMMUTABLE_FIELDS_DOC).sort(), Object.keys(IMMUTABLE_CHECKS).sort());
  const docs = readFileSync('docs/rules.md', 'utf8');
  for (const key of Object.keys(IMMUTABLE_CHECKS)) assert.ok(docs.includes(`| ${key.split('/')[1]} | ${key.split('/')[0] || 'core'} |`), key);
});

test('a changed Job offers the rename fix that makes apply create a new Job', () => {
  const after = job('shop/migrate:1.5.0');
  const [finding] = immutableFindings(gitBaseline(job('shop/migrate:1.4.2')), after);
  const fix = finding.fixes![0];
  assert.equal(fix.title, 'Rename the Job to "migrate-2" (apply creates a new Job)');
  assert.equal(after.slice(fix.edits[0].start, fix.edits[0].end), 'migrate');
  assert.equal(nextName('migrate-7'), 'migrate-8');
});

test('the language server git baseline is cached per commit and reloaded when HEAD moves', async () => {
  const { dir, git } = committedWorkspace('kubesight-git-cache-', { 'job.yaml': job('shop/migrate:1.4.2') });
  const load = gitBaselineLoader();
  const first = await load(dir, 'HEAD');
  assert.ok(first);
  assert.equal(await load(dir, 'HEAD'), first, 'same commit: the cached baseline');
  writeFileSync(join(dir, 'job.yaml'), job('shop/migrate:1.5.0'));
  git('commit', '-qam', 'two');
  const second = await load(dir, 'HEAD');
  assert.notEqual(second, first, 'a new commit: loaded again');
  const [finding] = changes(job('shop/migrate:1.5.0'), job('shop/migrate:1.5.0'));
  assert.equal(finding, undefined);
  assert.equal(await load(join(dir, 'nope'), 'HEAD'), undefined, 'not a repository: no baseline, no error');
});
