// The server's handlers in this process (test/lsp/in-process.ts): createServer on an in-memory
// connection with a fake clock, so a test sees exactly which turn publishes what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { baselineFromResources, type Baseline } from '../../server/src/core/immutable/baseline';
import { parseFile } from '../../server/src/core/model/parse';
import { resourcesOfFile } from '../../server/src/core/model/resource';
import { AFTER_SCAN_MS } from '../../server/src/lsp/scheduler';
import { tempWorkspace } from '../temp-workspace';
import { InProcessServer } from './in-process';

const SETTINGS = { rules: { 'workload-best-practice': 'off' } };
const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: shop/api:1.4.2
          imagePullPolcy: Always
`;
type Action = { title: string; edit: { changes: Record<string, { range: { start: { line: number; character: number } }; newText: string }[]> } };
const at = (line: number, character: number) => ({ range: { start: { line, character }, end: { line, character } }, context: { diagnostics: [] } });

async function started(settings: Record<string, unknown> = SETTINGS, rootUri: string | null = null, loadGitBaseline?: ConstructorParameters<typeof InProcessServer>[1]) {
  const server = new InProcessServer(settings, loadGitBaseline);
  await server.initialize(rootUri);
  return server;
}

test('an opened file is published in the next turn of the server, at its version', async () => {
  const server = await started();
  try {
    const uri = 'untitled:api.yaml';
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: DEPLOYMENT } });
    // A request answered means the notification before it was handled.
    await server.request('textDocument/documentSymbol', { textDocument: { uri } });
    await server.pump(() => server.server.state.store.open.get(uri) !== undefined && server.clock.queued > 0);
    assert.equal(server.latest(uri), undefined, 'nothing is published before the turn runs');
    await server.pump(() => server.latest(uri) !== undefined);
    assert.equal(server.latest(uri)!.version, 1);
    assert.deepEqual(server.latest(uri)!.diagnostics.map((d) => [d.code, d.range.start.line]), [['schema/unknown-field', 14]]);
  } finally {
    server.dispose();
  }
});

test('code actions for an edit not yet published are those of the current text, not of the last publish', async () => {
  const server = await started();
  try {
    const uri = 'untitled:api.yaml';
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: DEPLOYMENT } });
    await server.pump(() => server.latest(uri)?.version === 1);
    // Two lines above everything: the typo moves from line 14 to 16. The server's turns are held,
    // so version 2 is not published when the code actions are asked for.
    await server.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# api\n# owned by shop\n' }] });
    const atNewLine = await server.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, ...at(16, 12) });
    assert.equal(server.latest(uri)!.version, 1, 'the publish is behind the text');
    const fix = atNewLine.find((a) => a.title === 'Change to "imagePullPolicy"');
    assert.ok(fix, atNewLine.map((a) => a.title).join(', '));
    assert.deepEqual(fix.edit.changes[uri][0].range.start, { line: 16, character: 10 });
    const disable = atNewLine.find((a) => a.title === 'Disable schema/unknown-field for this line')!;
    assert.deepEqual(disable.edit.changes[uri][0].range.start, { line: 16, character: 0 });
    // At the typo's old place there is nothing to fix any more (`image:` of version 2 is fine).
    const atOldLine = await server.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, ...at(14, 12) });
    assert.deepEqual(atOldLine.map((a) => a.title), []);

    await server.pump(() => server.latest(uri)?.version === 2);
    assert.equal(server.server.state.published.get(uri)?.version, 2);
    const afterPublish = await server.request<Action[]>('textDocument/codeAction', { textDocument: { uri }, ...at(16, 12) });
    assert.deepEqual(afterPublish, atNewLine);
  } finally {
    server.dispose();
  }
});

test('an edit publishes the edited file first, then the open files that reference what it changed', async () => {
  const server = await started();
  try {
    const pod = (name: string) => ({ uri: `file:///ws/${name}.yaml`, text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: app\n      image: app:1.0\n      envFrom:\n        - configMapRef: {name: settings}\n` });
    const users = ['web', 'worker'].map(pod);
    const config = 'file:///ws/settings.yaml';
    for (const f of [...users, { uri: config, text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n' }]) {
      await server.notify('textDocument/didOpen', { textDocument: { uri: f.uri, languageId: 'yaml', version: 1, text: f.text } });
    }
    await server.pump(() => server.latest(config) !== undefined && users.every((u) => server.latest(u.uri)?.diagnostics.some((d) => d.code === 'missing-reference')));
    const before = server.published.length;
    await server.notify('textDocument/didChange', { textDocument: { uri: config, version: 2 }, contentChanges: [{ text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n' }] });
    await server.pump(() => users.every((u) => server.published.slice(before).some((p) => p.uri === u.uri)));
    assert.deepEqual(server.published.slice(before).map((p) => p.uri), [config, ...users.map((u) => u.uri)]);
    for (const u of users) assert.deepEqual(server.latest(u.uri)!.diagnostics.filter((d) => d.code === 'missing-reference'), []);
  } finally {
    server.dispose();
  }
});

test('closing a file that is not on disk checks again the open files that read its objects', async () => {
  const server = await started();
  try {
    const kept = 'file:///ws/api.yaml';
    const copy = 'file:///ws/api-copy.yaml';
    for (const uri of [kept, copy]) await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: DEPLOYMENT } });
    const alsoDefined = (uri: string) => server.latest(uri)?.diagnostics.filter((d) => d.code === 'duplicate-resource') ?? [];
    await server.pump(() => alsoDefined(kept).length === 1);
    assert.match(alsoDefined(kept)[0].message, /also defined in api-copy\.yaml/);
    const before = server.published.length;
    await server.notify('textDocument/didClose', { textDocument: { uri: copy } });
    await server.pump(() => server.published.slice(before).some((p) => p.uri === kept));
    assert.deepEqual(alsoDefined(kept), [], 'the copy is gone from the workspace');
    assert.deepEqual(server.latest(copy)?.diagnostics, [], 'the closed file is cleared');
  } finally {
    server.dispose();
  }
});

const JOB = (image: string) => `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: migrate\n          image: ${image}\n`;
const baselineOf = (label: string, text: string): Baseline => baselineFromResources(label, resourcesOfFile(parseFile(text)));

test('a baseline reload asked for while one loads is not dropped: its result is the one checked against', async () => {
  const dir = tempWorkspace('kubesight-inproc-baseline-', {});
  const loads: { ref: string; resolve: (b: Baseline | undefined) => void }[] = [];
  const load = (_cwd: string, ref: string) => new Promise<Baseline | undefined>((resolve) => loads.push({ ref, resolve }));
  const server = await started({}, pathToFileURL(dir).href, load);
  try {
    const uri = pathToFileURL(join(dir, 'job.yaml')).href;
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: JOB('shop/api:1.5.0') } });
    // The scan ends, the file is published, and the work left for after it asks git for HEAD.
    await server.pump(() => loads.length === 1);
    await server.notify('textDocument/didSave', { textDocument: { uri } });
    await server.request('textDocument/documentSymbol', { textDocument: { uri } });
    assert.equal(loads.length, 1, 'one load at a time');
    // The first load ends with the commit before the save; the save's reload follows and wins.
    loads[0].resolve(baselineOf('git HEAD', JOB('shop/api:1.5.0')));
    await server.pump(() => loads.length === 2);
    loads[1].resolve(baselineOf('git HEAD', JOB('shop/api:1.4.2')));
    await server.pump(() => !!server.latest(uri)?.diagnostics.some((d) => d.code === 'immutable-field'));
    assert.match(server.latest(uri)!.diagnostics.find((d) => d.code === 'immutable-field')!.message, /field is immutable \(compared with git HEAD\)/);
    server.clock.advance(AFTER_SCAN_MS);
    assert.equal(loads.length, 2, 'the work after the scan ran once');
  } finally {
    server.dispose();
  }
});
