// The API test server answers the real kubectl as a cluster would: these are the requests the
// cluster tests rely on, read back through kubectl's own printing, decoding and apply logic.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KubeApiTestServer } from './api-server/server';
import { seedCluster } from './api-server/seed';
import { findType } from './api-server/resources';

let server: KubeApiTestServer;
let dir: string;

before(async () => {
  server = await KubeApiTestServer.start();
  seedCluster(server);
  dir = mkdtempSync(join(tmpdir(), 'kubesight-kubectl-'));
  writeFileSync(join(dir, 'config'), server.kubeconfig());
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs kubectl asynchronously (the server answers from this same process). */
function kubectl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', join(dir, 'config'), '--cache-dir', join(dir, 'cache'), ...args], { env: { ...process.env, HOME: dir, KUBECONFIG: '' }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const columns = (line: string) => line.trim().split(/\s{2,}/);

test('the test server listens on 127.0.0.1 only', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test('kubectl get deploy -n demo prints the server-side table', async () => {
  const r = await kubectl('get', 'deploy', '-n', 'demo');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.deepEqual(columns(lines[0]), ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
  assert.deepEqual(columns(lines.find((l) => l.startsWith('web '))!).slice(0, 4), ['web', '3/3', '3', '3']);
  assert.deepEqual(columns(lines.find((l) => l.startsWith('api '))!).slice(0, 4), ['api', '1/3', '3', '1']);
});

test('kubectl get pods shows readiness and CrashLoopBackOff', async () => {
  const r = await kubectl('get', 'pods', '-n', 'demo');
  assert.equal(r.code, 0, r.stderr);
  const worker = columns(r.stdout.split('\n').find((l) => l.startsWith('worker-'))!);
  assert.deepEqual(worker.slice(0, 4), ['worker-7d9f8b6c5d-zzzzz', '0/1', 'CrashLoopBackOff', '7']);
});

test('kubectl get pod x -o yaml decodes the object', async () => {
  const r = await kubectl('get', 'pod', 'web-7d9f8b6c5d-abcde', '-n', 'demo', '-o', 'yaml');
  assert.equal(r.code, 0, r.stderr);
  const pod = parse(r.stdout);
  assert.equal(pod.kind, 'Pod');
  assert.equal(pod.metadata.name, 'web-7d9f8b6c5d-abcde');
  assert.equal(pod.status.containerStatuses[0].ready, true);
  assert.ok(pod.metadata.uid && pod.metadata.resourceVersion);
});

test('kubectl logs x prints the container log, --previous the terminated one', async () => {
  const r = await kubectl('logs', 'web-7d9f8b6c5d-abcde', '-n', 'demo', '--tail', '2');
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), ['10.244.0.1 - - "GET /health HTTP/1.1" 200', '10.244.0.1 - - "GET /about HTTP/1.1" 200']);
  const previous = await kubectl('logs', 'worker-7d9f8b6c5d-zzzzz', '-n', 'demo', '--previous');
  assert.match(previous.stdout, /Connection refused/);
});

test('kubectl apply --dry-run=server creates nothing and reports what it would do', async () => {
  const file = join(dir, 'new.yaml');
  writeFileSync(file, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: fresh\n  namespace: demo\nspec:\n  selector:\n    matchLabels: {app: fresh}\n  template:\n    metadata:\n      labels: {app: fresh}\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.27.3\n');
  const r = await kubectl('apply', '--dry-run=server', '-f', file);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'deployment.apps/fresh created (server dry run)');
  assert.equal(server.store.get(findType('apps', 'v1', 'deployments')!, 'demo', 'fresh'), undefined);
  assert.ok(server.requests.some((q) => q.method === 'POST' && q.query.get('dryRun') === 'All'));
});

test('kubectl apply --server-side --dry-run=server merges onto the live object', async () => {
  const file = join(dir, 'web.yaml');
  writeFileSync(file, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: demo\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.28.0\n');
  const r = await kubectl('apply', '--server-side', '--dry-run=server', '-f', file, '-o', 'yaml', '--show-managed-fields');
  assert.equal(r.code, 0, r.stderr);
  const merged = parse(r.stdout);
  assert.equal(merged.spec.template.spec.containers[0].image, 'nginx:1.28.0');
  assert.equal(merged.spec.replicas, 3, 'fields the file does not set keep their live value');
  assert.ok(merged.metadata.managedFields.some((m: { manager: string }) => m.manager === 'kubectl'));
  const live = server.store.get(findType('apps', 'v1', 'deployments')!, 'demo', 'web')!;
  assert.equal(live.spec.template.spec.containers[0].image, 'nginx:1.27.3', 'a dry run changes nothing');
});

test('kubectl reports 401 and 403 from the server in its usual words', async () => {
  server.token = 'right-token';
  try {
    const r = await kubectl('get', 'pods', '-n', 'demo');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /You must be logged in to the server \(Unauthorized\)|Unauthorized/);
  } finally {
    server.token = undefined;
  }
  server.forbid = (verb, type) => verb === 'list' && type.plural === 'secrets';
  try {
    const r = await kubectl('get', 'secrets', '-n', 'demo');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /Error from server \(Forbidden\): secrets is forbidden: User "kubesight-test" cannot list resource "secrets" in API group "" in the namespace "demo"/);
  } finally {
    server.forbid = () => false;
  }
});

test('an immutable-field change is refused with the API server message', async () => {
  const file = join(dir, 'job.yaml');
  writeFileSync(file, 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n  namespace: demo\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: migrate\n        image: ghcr.io/acme/api:2.5.0\n        command: [php, artisan, migrate, --force]\n');
  const r = await kubectl('apply', '--server-side', '--dry-run=server', '-f', file);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /The Job "migrate" is invalid: spec\.template: Invalid value: .*: field is immutable/);
});
