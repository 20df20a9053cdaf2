// Bad inputs (issue 9 §4) through the CLI (dist/cli.js) and the language server (dist/server.js):
// a binary file named .yaml, a BOM, CRLF, a 50 MB file, empty documents, `---` only, JSON
// manifests, Helm templates, kustomization.yaml, a 5,000-document file and 10,000-deep nesting.
// Each gets a clear diagnostic or is skipped; the CLI exits 0 or 1 (never 2 with a stack trace);
// the server answers every request within 1 s, never crashes and logs no error.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from './cli/run';
import { FuzzServer, isNodeWarning } from './fuzz/lsp-client';
import { tempWorkspace } from './temp-workspace';

const LIMIT_MS = 1000;

const badName = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\ndata:\n  a: "1"\n';
const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  a: "1"\n`;
const DEEP = 10_000;

/** The inputs, as bytes on disk. */
const FILES: Record<string, Buffer | string> = {
  'binary.yaml': Buffer.from(Array.from({ length: 10_240 }, (_, i) => (i * 37) % 256)),
  'latin1.yaml': Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n', 'latin1'),
  'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(badName)]),
  'crlf.yaml': badName.replace(/\n/g, '\r\n'),
  'empty.yaml': '',
  'blank.yaml': '\n\n   \n',
  'dashes.yaml': '---\n',
  'markers.yaml': '---\n---\n...\n---\n',
  'comments.yaml': '# nothing here\n---\n# nor here\n',
  'json.yaml': '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "Bad_Name"}, "data": {"a": "1"}}\n',
  'manifest.json': '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "metadata": {"name": "cfg"},\n  "data": {"a": "1"}\n}\n',
  'helm.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  replicas: {{ .Values.replicas }}\n',
  'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
  'chart/templates/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "chart.fullname" . }}\n{{- if .Values.x }}\n  labels: {}\n{{- end }}\n',
  'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - many.yaml\nimages:\n  - name: nginx\n    newTag: "1.27"\n',
  'many.yaml': Array.from({ length: 5000 }, (_, i) => configMap(`cfg-${i}`)).join('---\n'),
  'deep-flow.yaml': `${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`,
  'deep-block.yaml': `apiVersion: v1\nkind: Pod\nmetadata:\n  name: deep\nspec:\n  containers:\n  ${'- '.repeat(DEEP)}x\n`,
};

let dir = '';
let big = '';
before(() => {
  dir = tempWorkspace('kubesight-robust-', FILES);
  // 50 MB of valid manifests.
  const block = `${configMap('big')}---\n`;
  big = block.repeat(Math.ceil((50 * 1024 * 1024) / block.length));
  writeFileSync(join(dir, 'big.yaml'), big);
});
after(() => rmSync(dir, { recursive: true, force: true }));

interface Message {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

function check(...paths: string[]): Record<string, Message[]> {
  const r = runCli(['check', ...paths, '--format', 'json'], dir, { maxBuffer: 64 * 1024 * 1024 });
  assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, 'no stack trace');
  const files = JSON.parse(r.stdout) as { filePath: string; messages: Message[] }[];
  const out = Object.fromEntries(files.map((f) => [f.filePath, f.messages]));
  const errors = files.some((f) => f.messages.some((m) => m.severity === 'error'));
  assert.equal(r.status, errors ? 1 : 0, 'exit 1 exactly when there are errors');
  return out;
}

test('CLI: binary and non-UTF-8 files named .yaml get one information message each', () => {
  const out = check('binary.yaml', 'latin1.yaml');
  assert.deepEqual(out['binary.yaml'].map((m) => [m.severity, m.message]), [['information', 'file contains NUL bytes (binary?); not analysed']]);
  assert.deepEqual(out['latin1.yaml'].map((m) => [m.severity, m.message]), [['information', 'file is not valid UTF-8; not analysed']]);
});

test('CLI: a BOM and CRLF line ends change no finding and no position', () => {
  writeFileSync(join(dir, 'plain.yaml'), badName);
  // One file per run: together they would also be duplicates of each other.
  const [plain, bom, crlf] = ['plain.yaml', 'bom.yaml', 'crlf.yaml'].map((f) => check(f)[f].map((m) => `${m.line}:${m.column} ${m.severity} ${m.ruleId} ${m.message}`));
  assert.ok(plain.some((m) => m.startsWith('4:9 error name-format')));
  assert.deepEqual(bom, plain);
  assert.deepEqual(crlf, plain);
});

test('CLI: a 50 MB file gets one information message, quickly', () => {
  const started = performance.now();
  const out = check('big.yaml');
  assert.ok(performance.now() - started < 20_000);
  assert.equal(out['big.yaml'].length, 1);
  assert.equal(out['big.yaml'][0].severity, 'information');
  assert.match(out['big.yaml'][0].message, /larger than 5 MB/);
});

test('CLI: empty files, `---` only, markers and comments give nothing', () => {
  const out = check('empty.yaml', 'blank.yaml', 'dashes.yaml', 'markers.yaml', 'comments.yaml');
  assert.deepEqual(out, { 'empty.yaml': [], 'blank.yaml': [], 'dashes.yaml': [], 'markers.yaml': [], 'comments.yaml': [] });
});

test('CLI: JSON manifests are checked like YAML (a .json file when named explicitly)', () => {
  const out = check('json.yaml', 'manifest.json');
  assert.deepEqual(out['json.yaml'].filter((m) => m.ruleId === 'name-format').map((m) => [m.line, m.column]), [[1, 64]]);
  assert.deepEqual(out['manifest.json'], []);
});

test('CLI: Helm templates are skipped, each with one information finding (walked chart templates and `{{ }}` files alike)', () => {
  const out = check('chart', 'helm.yaml');
  const skipped = (line: number, column: number) => [{ ruleId: 'template-skipped', severity: 'information', line, column }];
  const brief = (ms: Message[]) => ms.map(({ ruleId, severity, line, column }) => ({ ruleId, severity, line, column }));
  assert.deepEqual(Object.keys(out).sort(), ['chart/Chart.yaml', 'chart/templates/deploy.yaml', 'helm.yaml']);
  assert.deepEqual(out['chart/Chart.yaml'], []);
  assert.deepEqual(brief(out['chart/templates/deploy.yaml']), skipped(1, 1));
  assert.deepEqual(brief(out['helm.yaml']), skipped(4, 9));
  assert.deepEqual(brief(check('chart/templates/deploy.yaml')['chart/templates/deploy.yaml']), skipped(1, 1));
});

test('CLI: kustomization.yaml gets information only', () => {
  const out = check('kustomization.yaml');
  assert.ok(out['kustomization.yaml'].every((m) => m.severity === 'information'), JSON.stringify(out));
});

test('CLI: a 5,000-document file is checked in seconds', () => {
  const started = performance.now();
  const out = check('many.yaml');
  assert.deepEqual(out['many.yaml'], []);
  assert.ok(performance.now() - started < 20_000, `${(performance.now() - started).toFixed(0)} ms`);
});

test('CLI: 10,000-deep nesting is a syntax error, not a crash', () => {
  const out = check('deep-flow.yaml', 'deep-block.yaml');
  for (const file of ['deep-flow.yaml', 'deep-block.yaml']) {
    assert.deepEqual(out[file].map((m) => [m.severity, m.ruleId]), [['error', 'yaml-syntax']], file);
    assert.match(out[file][0].message, /nesting deeper than \d+ levels/);
  }
});

test('CLI: the whole folder at once', () => {
  const out = check('.');
  assert.ok(Object.keys(out).length >= 15);
  assert.deepEqual(out['chart/templates/deploy.yaml'].map((m) => m.ruleId), ['template-skipped']);
});

interface Diagnostic {
  range: { start: { line: number; character: number } };
  severity: number;
  code: string;
  message: string;
}

/** Opens `text`, waits for its diagnostics, asks the usual requests at a few positions; all within the limits. */
async function openAndAsk(server: FuzzServer, name: string, text: string, diagnosticsWithinMs = 10_000): Promise<Diagnostic[]> {
  const uri = `file:///robust/${name}`;
  const published = server.waitFor<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (p) => p.uri === uri, diagnosticsWithinMs);
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const diagnostics = await published;
  assert.ok(diagnostics, `${name}: diagnostics within ${diagnosticsWithinMs} ms`);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const line of [0, 1, 3, Math.floor(lines / 2), lines + 3]) {
    const position = { line, character: 4 };
    const textDocument = { uri };
    for (const [method, params] of [
      ['textDocument/hover', { textDocument, position }],
      ['textDocument/completion', { textDocument, position }],
      ['textDocument/documentSymbol', { textDocument }],
      ['textDocument/codeAction', { textDocument, range: { start: position, end: position }, context: { diagnostics: diagnostics.diagnostics } }],
      ['textDocument/definition', { textDocument, position }],
    ] as const) {
      const { ms } = await server.request(method, params);
      assert.ok(ms < LIMIT_MS, `${name}: ${method} at line ${line} took ${ms.toFixed(0)} ms`);
    }
  }
  server.notify('textDocument/didClose', { textDocument: { uri } });
  return diagnostics.diagnostics;
}

const decoded = (name: string) => new TextDecoder().decode(Buffer.from(FILES[name]));
const realProblems = (server: FuzzServer) => server.takeProblems().filter((p) => !isNodeWarning(p));

test('language server: every bad input opened in the editor', async () => {
  const server = new FuzzServer();
  try {
    await server.initialize();
    // Binary and Latin-1 files as an editor decodes them (replacement characters, NULs kept).
    for (const name of ['binary.yaml', 'latin1.yaml']) await openAndAsk(server, name, decoded(name));
    // A BOM (kept by some editors) and CRLF: the same findings at the same positions as plain LF.
    const plain = await openAndAsk(server, 'plain.yaml', badName);
    const at = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`);
    assert.ok(plain.some((d) => d.code === 'name-format' && d.range.start.line === 3 && d.range.start.character === 8));
    assert.deepEqual(at(await openAndAsk(server, 'bom.yaml', `\uFEFF${badName}`)), at(plain));
    assert.deepEqual(at(await openAndAsk(server, 'crlf.yaml', badName.replace(/\n/g, '\r\n'))), at(plain));
    // 50 MB: one information diagnostic saying why.
    const large = await openAndAsk(server, 'big.yaml', big);
    assert.equal(large.length, 1);
    assert.equal(large[0].severity, 3);
    assert.match(large[0].message, /larger than 5 MB/);
    for (const name of ['empty.yaml', 'blank.yaml', 'dashes.yaml', 'markers.yaml', 'comments.yaml', 'manifest.json']) {
      assert.deepEqual(await openAndAsk(server, name, decoded(name)), [], name);
    }
    // Not under a chart on disk, but their `{{` markers are YAML syntax: one information each.
    for (const name of ['helm.yaml', 'chart/templates/deploy.yaml']) {
      assert.deepEqual((await openAndAsk(server, name, decoded(name))).map((d) => [d.code, d.severity]), [['template-skipped', 3]], name);
    }
    assert.ok((await openAndAsk(server, 'json.yaml', decoded('json.yaml'))).some((d) => d.code === 'name-format'));
    assert.ok((await openAndAsk(server, 'kustomization.yaml', decoded('kustomization.yaml'))).every((d) => d.severity === 3));
    assert.deepEqual(await openAndAsk(server, 'many.yaml', decoded('many.yaml')), []);
    for (const name of ['deep-flow.yaml', 'deep-block.yaml']) {
      const ds = await openAndAsk(server, name, decoded(name));
      assert.deepEqual(ds.map((d) => d.code), ['yaml-syntax'], name);
      assert.match(ds[0].message, /nesting deeper than \d+ levels/);
    }
    assert.deepEqual(realProblems(server), []);
    assert.equal(await server.shutdown(), 0);
  } finally {
    server.kill();
  }
});

test('language server: a fresh process survives 10,000-deep nesting as its first document', async () => {
  // Regression: yaml recursing 10,000 levels deep made V8 abort the process (SIGABRT) when a
  // regular expression was compiled for the first time near the end of the stack.
  for (const text of [decoded('deep-flow.yaml'), `${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n`, `${'- '.repeat(DEEP)}x\n`, `${'[{'.repeat(DEEP / 2)}\n`]) {
    const server = new FuzzServer();
    try {
      await server.initialize();
      const ds = await openAndAsk(server, 'first.yaml', text);
      assert.ok(ds.some((d) => d.code === 'yaml-syntax'));
      assert.equal(server.exited, undefined);
      assert.deepEqual(realProblems(server), []);
      assert.equal(await server.shutdown(), 0);
    } finally {
      server.kill();
    }
  }
});

test('language server: a workspace folder full of bad files is scanned without a problem', async () => {
  const server = new FuzzServer();
  try {
    const scanned = server.waitFor<{ message: string }>('window/logMessage', (p) => /manifest files in the workspace/.test(p.message), 30_000);
    await server.initialize(pathToFileURL(dir).href);
    assert.ok(await scanned, 'the scan finishes');
    const ds = await openAndAsk(server, 'kustomization.yaml', readFileSync(join(dir, 'kustomization.yaml'), 'utf8'));
    assert.ok(ds.every((d) => d.severity === 3));
    assert.deepEqual(realProblems(server), []);
    assert.equal(await server.shutdown(), 0);
  } finally {
    server.kill();
  }
});
