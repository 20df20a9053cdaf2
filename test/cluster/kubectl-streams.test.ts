// The real kubectl against the API test server's streaming endpoints: `kubectl exec` negotiates
// v5.channel.k8s.io over WebSocket and reads stdout, stderr, stdin and the exit code from the
// channels as it would from a cluster.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeApiTestServer } from './api-server/server';
import { seedCluster } from './api-server/seed';

let server: KubeApiTestServer;
let dir: string;

before(async () => {
  server = await KubeApiTestServer.start();
  seedCluster(server);
  dir = mkdtempSync(join(tmpdir(), 'kubesight-kubectl-streams-'));
  writeFileSync(join(dir, 'config'), server.kubeconfig());
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function kubectl(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('kubectl', ['--kubeconfig', join(dir, 'config'), '--cache-dir', join(dir, 'cache'), ...args], { env: { ...process.env, HOME: dir, KUBECONFIG: '' }, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as NodeJS.ErrnoException).code ?? 1) : 0, stdout, stderr }),
    );
    if (stdin !== undefined) child.stdin!.end(stdin);
  });
}

const POD = ['-n', 'demo', 'web-7d9f8b6c5d-abcde'];

test('kubectl exec prints stdout and stderr apart and exits with the command exit code', async () => {
  const r = await kubectl(['exec', ...POD, '--', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
  assert.equal(r.code, 3);
  assert.equal(r.stdout, 'out\n');
  assert.equal(r.stderr, 'err\ncommand terminated with exit code 3\n');
  assert.equal(server.execs.at(-1)!.protocol, 'v5.channel.k8s.io');
});

test('kubectl exec -i sends stdin and closes it (v5 close channel)', async () => {
  const r = await kubectl(['exec', '-i', ...POD, '--', 'cat'], 'first\nsecond\n');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'first\nsecond\n');
});

test('kubectl exec of a missing executable shows the runtime error', async () => {
  const r = await kubectl(['exec', ...POD, '--', 'nope']);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /error: Internal error occurred: error executing command in container: .*exec: "nope": executable file not found in \$PATH/);
});

test('kubectl exec -c picks the container; an unknown one is refused', async () => {
  const ok = await kubectl(['exec', ...POD, '-c', 'web', '--', 'hostname']);
  assert.equal(ok.stdout, 'web-7d9f8b6c5d-abcde\n');
  const bad = await kubectl(['exec', ...POD, '-c', 'sidecar', '--', 'true']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /container sidecar not found in pod web-7d9f8b6c5d-abcde|container sidecar is not valid/);
});
