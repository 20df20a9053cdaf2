// The browser build of the language server (dist/browser/server.js, scripts/build-browser.mjs) in
// headless Chromium: a page on 127.0.0.1 starts it as a Web Worker and speaks LSP to it over
// postMessage, as VS Code for the Web does. Checks: it initializes, publishes the diagnostics of a
// broken Deployment (schema and selector-mismatch) and of a cert-manager Certificate with a typo
// (the bundled CRD catalog), completes keys inside `spec:` and hovers a field.
// Prints one ok/FAIL line per check and `browser server: N passed, N failed`; writes
// browser-server-result.json to SHOTS.
// Environment: BROWSER_SERVER (the bundle's path), SHOTS, CHROMIUM.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const bundle = process.env.BROWSER_SERVER;
const SHOTS = process.env.SHOTS ?? '/tmp/ks-e2e/shots';
if (!bundle || !fs.existsSync(bundle)) throw new Error(`BROWSER_SERVER ${bundle} is missing (node scripts/build-browser.mjs)`);

const server = http.createServer((req, res) => {
  if (req.url === '/server.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(fs.readFileSync(bundle));
  res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>kubesight browser server</title>');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(String(e)));
page.on('request', (r) => {
  if (!r.url().startsWith(url)) errors.push(`request outside the page's origin: ${r.url()}`);
});
await page.goto(url);

const DOC = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web', 'spec:', '  replicas: "2"', '  selector:', '    matchLabels:', '      app: web', '  template:', '    metadata:', '      labels:', '        app: other', '    spec:', '      containers:', '        - name: web', '          image: nginx:1.27.3', ''].join('\n');

// In the page: the worker, a tiny JSON-RPC client, and the exchange the checks read.
const outcome = await page.evaluate(async (doc) => {
  const worker = new globalThis.Worker('/server.js'); // page context (evaluate), not Node
  let nextId = 1;
  const waiting = new Map();
  const notifications = [];
  const errorsSeen = [];
  worker.onerror = (e) => errorsSeen.push(String(e.message));
  worker.onmessage = ({ data }) => {
    if (data.id !== undefined && waiting.has(data.id)) {
      waiting.get(data.id)(data);
      waiting.delete(data.id);
    } else if (data.id !== undefined && data.method) {
      // a request from the server (configuration, registration): answer it plainly
      worker.postMessage({ jsonrpc: '2.0', id: data.id, result: data.method === 'workspace/configuration' ? data.params.items.map(() => null) : null });
    } else if (data.method) notifications.push(data);
  };
  const request = (method, params) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      worker.postMessage({ jsonrpc: '2.0', id, method, params });
    });
  const notify = (method, params) => worker.postMessage({ jsonrpc: '2.0', method, params });
  const started = performance.now();
  const init = await request('initialize', { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } }, workspaceFolders: null });
  notify('initialized', {});
  const uri = 'untitled:Untitled-1';
  notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: doc } });
  const deadline = Date.now() + 30000;
  let diagnostics;
  while (Date.now() < deadline && !diagnostics) {
    diagnostics = notifications.find((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri && n.params.diagnostics.length > 0)?.params.diagnostics;
    await new Promise((r) => setTimeout(r, 50));
  }
  const firstDiagnosticsMs = performance.now() - started;
  // A custom resource of the bundled CRD catalog (cert-manager), with a typo'd field.
  const cert = 'untitled:Untitled-2';
  const certText = ['apiVersion: cert-manager.io/v1', 'kind: Certificate', 'metadata:', '  name: web', 'spec:', '  secretNme: web-tls', '  dnsNames: [example.com]', '  issuerRef:', '    name: letsencrypt', '    kind: ClusterIssuer', ''].join('\n');
  notify('textDocument/didOpen', { textDocument: { uri: cert, languageId: 'yaml', version: 1, text: certText } });
  let certDiagnostics;
  while (Date.now() < deadline + 30000 && !certDiagnostics) {
    certDiagnostics = notifications.find((n) => n.method === 'textDocument/publishDiagnostics' && n.params.uri === cert && n.params.diagnostics.length > 0)?.params.diagnostics;
    await new Promise((r) => setTimeout(r, 50));
  }
  const completion = await request('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 2 } });
  const hover = await request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 4 } });
  worker.terminate();
  return { capabilities: Object.keys(init.result?.capabilities ?? {}), diagnostics, certDiagnostics, completion: completion.result, hover: hover.result, firstDiagnosticsMs, errorsSeen };
}, DOC);
await browser.close();
server.close();

const results = [];
const check = (name, fn) => {
  try {
    const detail = fn();
    results.push({ name, ok: true, detail });
    console.log(`ok   browser server: ${name}${detail ? ` ${JSON.stringify(detail).slice(0, 200)}` : ''}`);
  } catch (e) {
    results.push({ name, ok: false, error: String(e.message) });
    console.log(`FAIL browser server: ${name}: ${e.message}`);
  }
};
const assert = (ok, message) => {
  if (!ok) throw new Error(message);
};
check('initializes in a Web Worker with no page error or outside request', () => {
  assert(outcome.capabilities.includes('completionProvider') && outcome.capabilities.includes('hoverProvider'), `capabilities: ${outcome.capabilities}`);
  assert(errors.length === 0 && outcome.errorsSeen.length === 0, [...errors, ...outcome.errorsSeen].join('; '));
});
check('publishes schema and selector-mismatch diagnostics for a broken Deployment', () => {
  const codes = (outcome.diagnostics ?? []).map((d) => d.code);
  assert(codes.some((c) => c.startsWith('schema/')) && codes.includes('selector-mismatch'), `codes: ${JSON.stringify(codes)}`);
  const replicas = outcome.diagnostics.find((d) => d.code?.startsWith('schema/') && d.range.start.line === 5);
  assert(replicas && /integer/.test(replicas.message), 'no schema error on replicas: "2"');
  return { codes, firstDiagnosticsMs: Math.round(outcome.firstDiagnosticsMs) };
});
check('checks a cert-manager Certificate against the bundled CRD catalog: the typo is an error at the key', () => {
  const typo = (outcome.certDiagnostics ?? []).find((d) => d.code?.startsWith('schema/') && d.range.start.line === 5 && d.severity === 1);
  if (!typo || !/secretName/.test(typo.message)) throw new Error(JSON.stringify((outcome.certDiagnostics ?? []).map((d) => [d.code, d.severity, d.range.start.line, d.message])));
  return { message: typo.message };
});
check('completes the keys of a Deployment spec', () => {
  const items = Array.isArray(outcome.completion) ? outcome.completion : (outcome.completion?.items ?? []);
  const labels = items.map((i) => i.label);
  assert(labels.includes('strategy') && labels.includes('minReadySeconds'), `labels: ${labels.slice(0, 20)}`);
});
check('hovers spec.replicas with its type and description', () => {
  const text = JSON.stringify(outcome.hover?.contents ?? '');
  assert(/integer/.test(text) && /desired pods/.test(text), text.slice(0, 200));
});
const passed = results.filter((r) => r.ok).length;
fs.mkdirSync(SHOTS, { recursive: true });
fs.writeFileSync(path.join(SHOTS, 'browser-server-result.json'), JSON.stringify({ results, firstDiagnosticsMs: outcome.firstDiagnosticsMs }, null, 2));
console.log(`browser server: ${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
