// Each quick fix, applied through the protocol, and the link completions, in one workspace folder.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './client';
import { tempWorkspace } from '../temp-workspace';

type Position = { line: number; character: number };
type Edit = { range: { start: Position; end: Position }; newText: string };
type Action = { title: string; edit: { changes: Record<string, Edit[]> } };

/** Applies LSP text edits (non-overlapping) to a text. */
function apply(text: string, edits: Edit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start)).reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

const files: Record<string, string> = {
  'secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  user: admin\n',
  'web.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: webb
    spec:
      containers:
        - name: web
          image: nginx:1.27.3
          ports:
            - {name: http, containerPort: 8080}
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: db, key: password}
`,
};
const dir = tempWorkspace('kubesight-actions-', files);
const uriOf = (name: string) => pathToFileURL(join(dir, name)).href;

let client: LspClient;
before(async () => {
  client = await LspClient.start({ rules: { 'workload-best-practice': 'off' } }, dir);
});
after(() => client.close());

async function open(name: string, text: string): Promise<void> {
  await client.open(uriOf(name), text);
}

async function fix(name: string, at: Position, title: RegExp): Promise<Action> {
  const actions = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri: uriOf(name) }, range: { start: at, end: at }, context: { diagnostics: [] } });
  const action = actions.find((a) => title.test(a.title));
  assert.ok(action, `no action ${title} among: ${actions.map((a) => a.title).join(', ')}`);
  return action;
}

test('align the template label with the selector', async () => {
  await open('web.yaml', files['web.yaml']);
  const action = await fix('web.yaml', { line: 11, character: 14 }, /^Set template labels to match the selector$/);
  assert.match(apply(files['web.yaml'], action.edit.changes[uriOf('web.yaml')]), /labels:\n {8}app: web\n/);
});

test('add the missing key to the Secret in the other file', async () => {
  const action = await fix('web.yaml', { line: 21, character: 48 }, /^Add key "password" to Secret "db"$/);
  assert.equal(apply(files['secret.yaml'], action.edit.changes[uriOf('secret.yaml')]), 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  user: admin\n  password: ""\n');
});

test('add restartPolicy to a CronJob, fix an apiVersion, encode Secret data', async () => {
  const cron = 'apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: report\n              image: busybox:1.36\n';
  await open('cron.yaml', cron);
  const restart = await fix('cron.yaml', { line: 9, character: 9 }, /^Add restartPolicy: OnFailure$/);
  assert.match(apply(cron, restart.edit.changes[uriOf('cron.yaml')]), /\n {8}spec:\n {10}restartPolicy: OnFailure\n {10}containers:\n/);
  const typo = 'apiVersion: Apps/v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
  const deployTypo = typo.replace('ConfigMap', 'Deployment');
  await open('typo.yaml', deployTypo);
  const api = await fix('typo.yaml', { line: 0, character: 14 }, /^Change to apps\/v1$/);
  assert.equal(apply(deployTypo, api.edit.changes[uriOf('typo.yaml')]).split('\n')[0], 'apiVersion: apps/v1');
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\ndata:\n  token: not base64!\n';
  await open('plain.yaml', secret);
  const encode = await fix('plain.yaml', { line: 5, character: 10 }, /^Encode the value as base64$/);
  assert.equal(apply(secret, encode.edit.changes[uriOf('plain.yaml')]).split('\n')[5], '  token: bm90IGJhc2U2NCE=');
});

test('completion of selector values, named target ports and Ingress backend ports; workspace symbols', async () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: \n  ports:\n    - name: web\n      port: 80\n      targetPort: \n';
  await open('svc.yaml', svc);
  const values = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri: uriOf('svc.yaml') }, position: { line: 6, character: 9 } });
  assert.deepEqual(values.map((i) => i.label), ['webb']);
  const ports = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri: uriOf('svc.yaml') }, position: { line: 10, character: 18 } });
  assert.deepEqual(ports.map((i) => i.label), ['http']);
  const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: web\n      port:\n        name: \n';
  await open('ing.yaml', ingress);
  const backend = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri: uriOf('ing.yaml') }, position: { line: 9, character: 14 } });
  assert.deepEqual(backend.map((i) => i.label), ['web']);
  const symbols = await client.request<{ name: string; location: { uri: string } }[]>('workspace/symbol', { query: 'deployment w' });
  assert.deepEqual(symbols.map((s) => [s.name, s.location.uri]), [['Deployment web', uriOf('web.yaml')]]);
});

test('Convert to Gateway API: a refactoring on an Ingress that replaces it with a Gateway and HTTPRoutes', async () => {
  const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n';
  await open('shop-ingress.yaml', ingress);
  const actions = await client.request<(Action & { kind: string })[]>('textDocument/codeAction', { textDocument: { uri: uriOf('shop-ingress.yaml') }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [] } });
  const convert = actions.find((a) => /^Convert to Gateway API/.test(a.title));
  assert.ok(convert, `no conversion among: ${actions.map((a) => a.title).join(', ')}`);
  assert.equal(convert.kind, 'refactor.rewrite');
  const text = apply(ingress, convert.edit.changes[uriOf('shop-ingress.yaml')]);
  assert.match(text, /^apiVersion: gateway.networking.k8s.io\/v1\nkind: Gateway\n/);
  assert.match(text, /kind: HTTPRoute\n[^]*type: PathPrefix\n[^]*- name: web\n {10}port: 80\n$/);
  const onlyFixes = await client.request<Action[]>('textDocument/codeAction', { textDocument: { uri: uriOf('shop-ingress.yaml') }, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, context: { diagnostics: [], only: ['quickfix'] } });
  assert.ok(!onlyFixes.some((a) => /^Convert to Gateway API/.test(a.title)), 'not offered when only quick fixes are asked for');
});
