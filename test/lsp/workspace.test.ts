// Cross-file features over stdio: a workspace folder with a Deployment and its ConfigMap/Secret.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { folderRead, LspClient } from './client';
import { tempWorkspace } from '../temp-workspace';

const config = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  LOG_LEVEL: info
  CACHE_URL: redis://cache
`;
const app = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: shop/app:1.0.0
      env:
        - name: LEVEL
          valueFrom:
            configMapKeyRef:
              name: settings
              key: LOG_LEVEL
      envFrom:
        - secretRef:
            name: credentials
`;
const dir = tempWorkspace('kubesight-ws-', { 'config.yaml': config, 'app.yaml': app });
const configUri = pathToFileURL(join(dir, 'config.yaml')).href;
const appUri = pathToFileURL(join(dir, 'app.yaml')).href;
const at = (line: number, character: number) => ({ line, character });

let client: LspClient;
let appDiagnostics: { code: string; message: string; severity: number }[];
before(async () => {
  client = await LspClient.start({ rules: { 'workload-best-practice': 'off' } }, dir);
  // While the folder is being read, missing targets are information "in the open files"; once it
  // is read, the message names the workspace (a Secret nothing resembles stays information).
  appDiagnostics = await client.open(appUri, app, folderRead);
});
after(() => client.close());

test('references resolve across the workspace folder; the missing Secret is reported against the workspace', () => {
  assert.deepEqual(appDiagnostics.map((d) => [d.code, d.severity]), [['missing-reference', 3]]);
  assert.match(appDiagnostics[0].message, /^Secret "credentials" not found in namespace "default" of the workspace \(2 files\) \(no similar name there/);
});

test('go to definition jumps from a reference to the ConfigMap in the other file', async () => {
  const locations = await client.request<{ uri: string; range: { start: { line: number } } }[]>('textDocument/definition', { textDocument: { uri: appUri }, position: at(12, 22) });
  assert.deepEqual(locations.map((l) => [l.uri, l.range.start.line]), [[configUri, 3]]);
});

test('find references lists every use of the ConfigMap', async () => {
  const locations = await client.request<{ uri: string; range: { start: { line: number; character: number } } }[]>('textDocument/references', {
    textDocument: { uri: configUri },
    position: at(3, 9),
    context: { includeDeclaration: false },
  });
  assert.deepEqual(locations.map((l) => [l.uri, l.range.start.line, l.range.start.character]), [[appUri, 12, 20]]);
});

test('rename updates the object name and every reference', async () => {
  const edit = await client.request<{ changes: Record<string, { newText: string; range: { start: { line: number } } }[]> }>('textDocument/rename', {
    textDocument: { uri: appUri },
    position: at(12, 22),
    newName: 'app-settings',
  });
  assert.deepEqual(Object.keys(edit.changes).sort(), [appUri, configUri].sort());
  assert.deepEqual(edit.changes[configUri].map((e) => [e.range.start.line, e.newText]), [[3, 'app-settings']]);
  assert.deepEqual(edit.changes[appUri].map((e) => [e.range.start.line, e.newText]), [[12, 'app-settings']]);
});

test('completion proposes ConfigMap names from other files and the keys of the chosen one', async () => {
  await client.change(appUri, 2, app.replace('              name: settings\n              key: LOG_LEVEL', '              name: \n              key: LOG_LEVEL'));
  const names = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri: appUri }, position: at(12, 20) });
  assert.deepEqual(names.map((i) => i.label), ['settings']);
  await client.change(appUri, 3, app.replace('key: LOG_LEVEL', 'key: '));
  const keys = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri: appUri }, position: at(13, 19) });
  assert.deepEqual(keys.map((i) => i.label), ['CACHE_URL', 'LOG_LEVEL']);
});

test('quick fix creates the missing Secret in the same file', async () => {
  await client.change(appUri, 4, app);
  const actions = await client.request<{ title: string; edit: { changes: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', {
    textDocument: { uri: appUri },
    range: { start: at(16, 20), end: at(16, 20) },
    context: { diagnostics: [] },
  });
  const create = actions.find((a) => a.title === 'Create Secret "credentials" in this file');
  assert.ok(create, actions.map((a) => a.title).join(', '));
  assert.equal(create.edit.changes[appUri][0].newText, '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: credentials\ntype: Opaque\nstringData: {}\n');
});

test('hover on a reference shows the target, its file, and ConfigMap values (Secret values never)', async () => {
  const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri: appUri }, position: at(12, 22) });
  assert.match(hover.contents.value, /\*\*ConfigMap settings\*\* \(namespace default\)/);
  assert.match(hover.contents.value, /Defined in `config.yaml` line 1/);
  assert.match(hover.contents.value, /- `LOG_LEVEL`: `info`/);
});

test('creating the missing Secret in another open file re-checks the file that uses it', async () => {
  const secretUri = pathToFileURL(join(dir, 'credentials.yaml')).href;
  const recheck = client.diagnosticsWhere(appUri, (d) => d.length === 0);
  client.notify('textDocument/didOpen', { textDocument: { uri: secretUri, languageId: 'yaml', version: 1, text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: credentials\nstringData:\n  a: b\n' } });
  assert.deepEqual(await recheck, []);
});
