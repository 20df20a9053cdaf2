// Exec through client-node against the API test server: stdin, stdout, stderr, exit code, a TTY
// session with resize, shell detection, and the errors a user reads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { ExplorerNode } from '../../client/src/cluster/explorer-model';
import { contextValue } from '../../client/src/cluster/menus';
import { detectShell, execNeedsConfirmation, runCommand, splitCommandLine, TerminalSession } from '../../client/src/cluster/exec';
import { readyPod, startCluster, type ClusterFixture } from './setup';

let cluster: ClusterFixture;
const web = { namespace: 'demo', pod: 'web-7d9f8b6c5d-abcde', container: 'web' };

before(async () => {
  cluster = await startCluster();
  cluster.server.seed(readyPod('tools', { app: 'tools' }, [{ name: 'alpine', image: 'alpine:3.20' }, { name: 'static', image: 'gcr.io/distroless/static:nonroot' }]));
});
after(() => cluster.server.close());

test('a command gets stdin and returns stdout, stderr and its exit code', async () => {
  const conn = cluster.connect();
  const r = await runCommand(conn, web, ['sh', '-c', 'echo to-out; echo to-err >&2; exit 3']);
  assert.deepEqual(r, { stdout: 'to-out\n', stderr: 'to-err\n', exitCode: 3 });
  const cat = await runCommand(conn, web, ['cat'], 'line one\nline two\n');
  assert.deepEqual(cat, { stdout: 'line one\nline two\n', stderr: '', exitCode: 0 });
  const exec = cluster.server.execs.at(-1)!;
  assert.equal(exec.protocol, 'v5.channel.k8s.io', 'v5 lets the client close stdin without closing the socket');
  assert.deepEqual(exec.command, ['cat']);
});

test('a missing executable is an error with the runtime message, not an exit code', async () => {
  await assert.rejects(runCommand(cluster.connect(), web, ['nope']), /executable file not found in \$PATH/);
});

test('bash when the container has it, else sh; no shell at all says so', async () => {
  const conn = cluster.connect();
  assert.equal(await detectShell(conn, web), 'bash');
  assert.equal(await detectShell(conn, { namespace: 'demo', pod: 'tools', container: 'alpine' }), 'sh');
  await assert.rejects(detectShell(conn, { namespace: 'demo', pod: 'tools', container: 'static' }), /Container static of pod tools has no shell \(sh\)/);
});

test('a TTY session echoes keystrokes, reports resizes and ends with the exit code', async () => {
  let text = '';
  let waiting: { pattern: RegExp; resolve: () => void } | undefined;
  const seen = (pattern: RegExp) => new Promise<void>((resolve) => (pattern.test(text) ? resolve() : (waiting = { pattern, resolve })));
  const session = await TerminalSession.open(cluster.connect(), web, ['bash'], { columns: 100, rows: 30 }, (t) => {
    text += t;
    if (waiting?.pattern.test(text)) waiting.resolve();
  });
  await seen(/bash-5\.2\$ $/);
  session.write('stty size\r');
  await seen(/30 100\r\n/);
  session.resize(132, 43);
  session.write('stty size\r');
  await seen(/43 132\r\n/);
  session.write('echo done; exit 7\r');
  assert.equal(await session.exited, 7);
  assert.match(text, /stty size\r\n30 100\r\n/, 'keystrokes are echoed, lines end in CRLF under a TTY');
  assert.equal(cluster.server.execs.at(-1)!.tty, true);
});

test('an unknown pod or container is refused before anything runs', async () => {
  const conn = cluster.connect();
  await assert.rejects(runCommand(conn, { ...web, pod: 'gone' }, ['true']), (e: Error & { kind?: string }) => e.kind === 'not-found');
  await assert.rejects(runCommand(conn, { ...web, container: 'sidecar' }, ['true']), (e: Error & { kind?: string }) => e.kind === 'invalid');
});

test('a prod context is asked about once; command lines split like a shell', () => {
  assert.equal(execNeedsConfirmation('eks-prod-eu', new Set()), true);
  assert.equal(execNeedsConfirmation('eks-prod-eu', new Set(['eks-prod-eu'])), false);
  assert.equal(execNeedsConfirmation('kind-dev', new Set()), false);
  assert.deepEqual(splitCommandLine(`sh -c 'echo "a b"' "x\\"y"`), ['sh', '-c', 'echo "a b"', 'x"y']);
});

test('menus: port-forward on pods, workloads and Services even read-only; shell and run command only where writable', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const menus = pkg.contributes.menus['view/item/context'] as { command: string; when: string }[];
  const shown = (command: string, value: string) => menus.filter((m) => m.command === command).some((m) => [...m.when.matchAll(/viewItem =~ \/(.*?)\/(?:\s|$)/g)].every((x) => new RegExp(x[1]).test(value)));
  const node = (kind: string): ExplorerNode => ({ type: 'object', id: kind, context: 'c', namespace: 'demo', kind: { group: '', version: 'v1', kind, plural: `${kind.toLowerCase()}s`, namespaced: true, label: kind }, name: 'x', status: { health: 'healthy', text: '' }, age: '1m' });
  for (const kind of ['Pod', 'Deployment', 'Service']) assert.equal(shown('kubesight.cluster.portForward', contextValue(node(kind), true)), true, kind);
  assert.equal(shown('kubesight.cluster.portForward', contextValue(node('ConfigMap'), false)), false);
  assert.equal(shown('kubesight.cluster.shell', contextValue(node('Pod'), false)), true);
  assert.equal(shown('kubesight.cluster.shell', contextValue(node('Pod'), true)), false);
  assert.equal(shown('kubesight.cluster.runCommand', contextValue(node('Deployment'), false)), false);
  const commands = new Set((pkg.contributes.commands as { command: string }[]).map((c) => c.command));
  for (const c of ['kubesight.cluster.portForward', 'kubesight.cluster.stopPortForward', 'kubesight.cluster.shell', 'kubesight.cluster.runCommand']) assert.ok(commands.has(c), c);
});
