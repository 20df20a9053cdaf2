import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './client';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop-api
spec:
  replicas: 2
  selector:
    matchLabels:
      app: shop-api
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
        - name: api
          image: registry.example.com/shop/api:1.4.2
          imagePullPolcy: Always
`;

let client: LspClient;
before(async () => {
  client = new LspClient({ rules: { 'workload-best-practice': 'off' } });
  const init = (await client.initialize()) as { capabilities: Record<string, unknown> };
  assert.ok(init.capabilities.completionProvider);
});
after(() => client.close());

const uri = 'untitled:deployment.yaml';
const at = (line: number, character: number) => ({ line, character });

test('diagnostics on open: exact ranges, rule ids as codes, API wording', async () => {
  const published = client.diagnostics(uri);
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: deployment } });
  const { diagnostics } = await published;
  const byCode = Object.fromEntries(diagnostics.map((d) => [d.code, d]));
  assert.deepEqual(Object.keys(byCode).sort(), ['schema/unknown-field', 'selector-mismatch']);
  assert.deepEqual(byCode['selector-mismatch'].range, { start: at(12, 13), end: at(12, 17) });
  assert.equal(byCode['selector-mismatch'].severity, 1);
  assert.equal(byCode['selector-mismatch'].source, 'kubesight');
  assert.match(byCode['selector-mismatch'].message, /^spec\.template\.metadata\.labels: Invalid value: \{"app":"shop"\}: `selector` does not match template `labels`$/);
  assert.deepEqual(byCode['schema/unknown-field'].range, { start: at(17, 10), end: at(17, 24) });
  // The code links to the rule's section of docs/rules.md.
  assert.equal(byCode['schema/unknown-field'].codeDescription?.href, 'https://github.com/kubesight/kubesight/blob/main/docs/rules.md#schemaunknown-field');
});

test('an incremental edit updates the diagnostics of that version', async () => {
  const published = client.diagnostics(uri, 2);
  client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: at(12, 13), end: at(12, 17) }, text: 'shop-api' }] });
  const { diagnostics } = await published;
  assert.deepEqual(diagnostics.map((d) => d.code), ['schema/unknown-field']);
});

test('completion in a container offers its schema keys, required first, with snippets', async () => {
  type Item = { label: string; sortText: string; insertTextFormat: number; textEdit: { newText: string } };
  const edit = client.diagnostics(uri, 3);
  client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: at(18, 0), end: at(18, 0) }, text: '          ' }] });
  await edit;
  const inside = await client.request<Item[]>('textDocument/completion', { textDocument: { uri }, position: at(18, 10) });
  const labels = inside.map((i) => i.label);
  for (const key of ['ports', 'env', 'resources', 'livenessProbe', 'command']) assert.ok(labels.includes(key), key);
  assert.ok(!labels.includes('name') && !labels.includes('image'), 'keys already present are not proposed');
  const ports = inside.find((i) => i.label === 'ports')!;
  assert.equal(ports.textEdit.newText, 'ports:\n  - $0');
  assert.equal(ports.insertTextFormat, 2);
});

test('completion of enum values after a key', async () => {
  const edit = client.diagnostics(uri, 4);
  client.notify('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ range: { start: at(18, 10), end: at(18, 10) }, text: 'imagePullPolicy: ' }] });
  await edit;
  const items = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: at(18, 27) });
  assert.deepEqual(items.map((i) => i.label).sort(), ['Always', 'IfNotPresent', 'Never']);
});

test('hover explains a field with its type and a link to the API reference', async () => {
  const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at(5, 4) });
  assert.match(hover.contents.value, /\*\*spec\.replicas\*\*: `integer \(int32\)`/);
  assert.match(hover.contents.value, /desired pods/);
  assert.match(hover.contents.value, /kubernetes\.io\/docs\/reference\/generated\/kubernetes-api\/v1\.35\/#deployment-v1-apps/);
});

test('document symbols: one per object, named Kind name', async () => {
  const symbols = await client.request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => s.name), ['Deployment shop-api']);
});

test('code actions: the typo fix and disabling the rule for a line', async () => {
  const actions = await client.request<{ title: string; edit: { changes: Record<string, { newText: string; range: unknown }[]> } }[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: at(17, 12), end: at(17, 12) },
    context: { diagnostics: [] },
  });
  const titles = actions.map((a) => a.title);
  assert.deepEqual(titles, ['Change to "imagePullPolicy"', 'Disable schema/unknown-field for this line']);
  assert.equal(actions[0].edit.changes[uri][0].newText, 'imagePullPolicy');
  assert.equal(actions[1].edit.changes[uri][0].newText, '          # kubesight-disable-next-line schema/unknown-field\n');
});

test('closing a document clears its diagnostics; non-Kubernetes YAML gets none', async () => {
  const cleared = client.diagnostics(uri);
  client.notify('textDocument/didClose', { textDocument: { uri } });
  assert.deepEqual((await cleared).diagnostics, []);
  const other = 'untitled:workflow.yaml';
  const published = client.diagnostics(other);
  client.notify('textDocument/didOpen', { textDocument: { uri: other, languageId: 'yaml', version: 1, text: 'name: build\non:\n  push: {}\n' } });
  assert.deepEqual((await published).diagnostics, []);
});

test('broken input never kills the server', async () => {
  const junk = 'untitled:junk.yaml';
  const texts = ['\t\t- : : [\n', 'a: &x [*x, *x]\n'.repeat(50), `${'- '.repeat(3000)}x\n`, 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - ima'];
  for (const [i, text] of texts.entries()) {
    const published = client.diagnostics(junk, i + 1);
    if (i === 0) client.notify('textDocument/didOpen', { textDocument: { uri: junk, languageId: 'yaml', version: 1, text } });
    else client.notify('textDocument/didChange', { textDocument: { uri: junk, version: i + 1 }, contentChanges: [{ text }] });
    await published;
    await client.request('textDocument/completion', { textDocument: { uri: junk }, position: at(0, 3) });
    await client.request('textDocument/hover', { textDocument: { uri: junk }, position: at(0, 1) });
  }
  const symbols = await client.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: junk } });
  assert.ok(Array.isArray(symbols));
});

test('a file over 5 MB gets one information diagnostic and no analysis', async () => {
  const huge = 'untitled:huge.yaml';
  const text = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${'  k: "0123456789012345678901234567890123456789012345678901234567890123456789"\n'.repeat(80_000)}`;
  const published = client.diagnostics(huge);
  client.notify('textDocument/didOpen', { textDocument: { uri: huge, languageId: 'yaml', version: 1, text } });
  const { diagnostics } = await published;
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].severity, 3);
  assert.match(diagnostics[0].message, /larger than 5 MB; not analysed/);
  const items = await client.request<unknown[]>('textDocument/completion', { textDocument: { uri: huge }, position: { line: 5, character: 2 } });
  assert.deepEqual(items, []);
});

test('snippets are offered at the start of an empty document, and only there', async () => {
  type Item = { label: string; kind: number; insertTextFormat: number; textEdit: { newText: string } };
  const empty = 'untitled:new.yaml';
  const opened = client.diagnostics(empty, 1);
  client.notify('textDocument/didOpen', { textDocument: { uri: empty, languageId: 'yaml', version: 1, text: 'k8s-dep' } });
  await opened;
  const items = await client.request<Item[]>('textDocument/completion', { textDocument: { uri: empty }, position: at(0, 7) });
  const snippet = items.find((i) => i.label === 'k8s-deployment')!;
  assert.ok(snippet, items.map((i) => i.label).join(', '));
  assert.equal(snippet.kind, 15, 'CompletionItemKind.Snippet');
  assert.equal(snippet.insertTextFormat, 2);
  assert.match(snippet.textEdit.newText, /^apiVersion: apps\/v1\nkind: Deployment/);
  assert.ok(items.some((i) => i.label === 'k8s-stack-laravel'));
  const inside = await client.request<Item[]>('textDocument/completion', { textDocument: { uri }, position: at(18, 10) });
  assert.ok(!inside.some((i) => i.kind === 15), 'no snippets inside an object');
});

test('an open .kubesight.yaml gets diagnostics on its own settings, none from the manifest rules', async () => {
  const config = 'file:///tmp/kubesight-lsp-config/.kubesight.yaml';
  const published = client.diagnostics(config);
  client.notify('textDocument/didOpen', { textDocument: { uri: config, languageId: 'yaml', version: 1, text: 'rules:\n  imgae-tag: off\nkubernetesVersion: "1.35"\n' } });
  const { diagnostics } = await published;
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.message]), [
    ['config-file', 2, 1, 2, 'definition for rule "imgae-tag" was not found (did you mean "image-tag"?); the setting has no effect'],
  ]);
  const fixed = client.diagnostics(config, 2);
  client.notify('textDocument/didChange', { textDocument: { uri: config, version: 2 }, contentChanges: [{ text: 'rules:\n  image-tag: off\n' }] });
  assert.deepEqual((await fixed).diagnostics, []);
});
