// The real kubectl against the API test server's streaming endpoints: `kubectl exec` negotiates
// v5.channel.k8s.io over WebSocket and reads stdout, stderr, stdin and the exit code from the
// channels as it would from a cluster; `kubectl port-forward` falls back from the WebSocket
// tunnel to SPDY/3.1 and carries bytes both ways.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { connect } from 'node:net';
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

/** Starts `kubectl port-forward`, waits for its "Forwarding from" line and returns the local port. */
function portForward(args: string[]): Promise<{ port: number; stop: () => void; output: () => string }> {
  const child = spawn('kubectl', ['--kubeconfig', join(dir, 'config'), '--cache-dir', join(dir, 'cache'), 'port-forward', ...args], { env: { ...process.env, HOME: dir, KUBECONFIG: '' } });
  let output = '';
  return new Promise((resolve, reject) => {
    const onText = (d: Buffer) => {
      output += d.toString();
      const m = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(output);
      if (m) resolve({ port: Number(m[1]), stop: () => child.kill(), output: () => output });
    };
    child.stdout.on('data', onText);
    child.stderr.on('data', onText);
    child.on('exit', (code) => reject(new Error(`kubectl port-forward exited with ${code}: ${output}`)));
  });
}

function roundTrip(port: number, data: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.write(data));
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (Buffer.concat(chunks).length >= data.length) {
        socket.end();
        resolve(Buffer.concat(chunks));
      }
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error(`closed after ${Buffer.concat(chunks).length} bytes`)));
  });
}

test('kubectl port-forward (SPDY after the declined WebSocket tunnel) carries bytes both ways', async () => {
  server.seed({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'echo', namespace: 'demo', labels: { app: 'echo' } }, spec: { nodeName: 'node-1', containers: [{ name: 'echo', image: 'echo:1', ports: [{ name: 'tcp', containerPort: 7000 }] }] }, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } });
  const forward = await portForward(['-n', 'demo', 'pod/echo', ':7000']);
  try {
    assert.equal((await roundTrip(forward.port, Buffer.from('ping over spdy'))).toString(), 'ping over spdy');
    const payload = Buffer.alloc(20_000, 'k8s');
    assert.ok((await roundTrip(forward.port, payload)).equals(payload), 'a second connection, 20 kB');
    assert.match(forward.output(), /Handling connection for \d+/);
    assert.ok(server.requests.some((r) => r.path === '/api/v1/namespaces/demo/pods/echo/portforward'));
  } finally {
    forward.stop();
  }
});

test('kubectl port-forward reports the error stream of a port nothing listens on', async () => {
  const forward = await portForward(['-n', 'demo', 'pod/echo', ':7999']);
  try {
    await roundTrip(forward.port, Buffer.from('x')).catch(() => undefined);
    for (let i = 0; i < 50 && !/error forwarding port 7999/.test(forward.output()); i++) await new Promise((r) => setTimeout(r, 100));
    assert.match(forward.output(), /error forwarding port 7999 to pod .*connection refused/);
  } finally {
    forward.stop();
  }
});
