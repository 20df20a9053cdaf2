import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { diagnoseWorkspaceFile } from '../../server/src/core/features/diagnostics';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { bundledCatalog } from '../../server/src/io/schema-source';

import { RULE_NAMES } from '../../server/src/core/rules';
const catalog = bundledCatalog();
const WORKSPACE_RULES = ['missing-reference', 'missing-key', 'service-no-pods', 'port-reference', ...RULE_NAMES.idsOf('dangling-backend'), 'statefulset-service', 'duplicate-resource', 'volume-mount'];

function check(files: Record<string, string>, uri: string, complete = true) {
  let ws = Workspace.empty((g, k) => catalog.entriesForKind(k).find((e) => e.group === g)?.namespaced, complete);
  for (const [u, text] of Object.entries(files)) ws = ws.withFile(u, text);
  const text = files[uri];
  return diagnoseWorkspaceFile(ws, uri, { catalog, config: DEFAULT_CONFIG })
    .filter((f) => WORKSPACE_RULES.includes(f.ruleId))
    .map((f) => ({ rule: f.ruleId, severity: f.severity, text: text.slice(f.start, f.end), message: f.message }));
}

const deployment = (extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: shop/api:1.0.0
          ports:
            - {name: http, containerPort: 8080}
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: db, key: password}
            - name: OPTIONAL
              valueFrom:
                configMapKeyRef: {name: nowhere, key: x, optional: true}
          envFrom:
            - configMapRef: {name: settings}
          volumeMounts:
            - {name: data, mountPath: /data}
${extra}`;

const secret = (key: string, ns = 'shop') => `apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: ${ns}}\nstringData:\n  ${key}: s3cret\n`;
const settings = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: shop}\ndata: {A: "1"}\n';
const volumes = '      volumes:\n        - name: data\n          emptyDir: {}\n';

test('references satisfied in other files give nothing; optional ones are never reported', () => {
  assert.deepEqual(check({ 'a.yaml': deployment(volumes), 'b.yaml': secret('password'), 'c.yaml': settings }, 'a.yaml'), []);
});

test('missing Secret, missing key, other namespace, missing volume', () => {
  const missing = check({ 'a.yaml': deployment(), 'c.yaml': settings }, 'a.yaml');
  assert.deepEqual(missing.map((f) => [f.rule, f.severity, f.text]), [
    ['missing-reference', 'info', 'db'],
    ['volume-mount', 'error', 'data'],
  ]);
  // No Secret of a similar name anywhere: usually created outside the repository.
  assert.match(missing[0].message, /^Secret "db" not found in namespace "shop" of the workspace \(2 files\) \(no similar name there: it may be created outside the repository\)$/);
  const wrongKey = check({ 'a.yaml': deployment(volumes), 'b.yaml': secret('pass'), 'c.yaml': settings }, 'a.yaml');
  assert.deepEqual(wrongKey.map((f) => [f.rule, f.text, f.message]), [['missing-key', 'password', 'key "password" not found in Secret "db" (keys: pass)']]);
  const otherNamespace = check({ 'a.yaml': deployment(volumes), 'b.yaml': secret('password', 'prod'), 'c.yaml': settings }, 'a.yaml');
  assert.deepEqual(otherNamespace.map((f) => f.rule), ['missing-reference']);
});

test('with only some files open, a missing target is information', () => {
  const found = check({ 'a.yaml': deployment(volumes) }, 'a.yaml', false);
  assert.deepEqual(found.map((f) => [f.rule, f.severity]), [['missing-reference', 'info'], ['missing-reference', 'info']]);
});

test('Service selectors, named target ports, Ingress backends and HPA targets', () => {
  const service = (selector: string, target: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec:\n  selector: {app: ${selector}}\n  ports:\n    - {name: web, port: 80, targetPort: ${target}}\n`;
  const files = { 'a.yaml': deployment(volumes), 'b.yaml': secret('password'), 'c.yaml': settings };
  assert.deepEqual(check({ ...files, 's.yaml': service('api', 'http') }, 's.yaml'), []);
  assert.deepEqual(check({ ...files, 's.yaml': service('apii', 'http') }, 's.yaml').map((f) => [f.rule, f.text]), [['service-no-pods', 'selector']]);
  assert.deepEqual(check({ ...files, 's.yaml': service('api', 'htp') }, 's.yaml').map((f) => [f.rule, f.text]), [['port-reference', 'htp']]);
  const ingress = (name: string, port: string) => `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: ${name}, port: ${port}}\n`;
  const withService = { ...files, 's.yaml': service('api', 'http') };
  assert.deepEqual(check({ ...withService, 'i.yaml': ingress('api', '{name: web}') }, 'i.yaml'), []);
  assert.deepEqual(check({ ...withService, 'i.yaml': ingress('api', '{number: 8080}') }, 'i.yaml').map((f) => [f.rule, f.text]), [['port-reference', '8080']]);
  assert.deepEqual(check({ ...withService, 'i.yaml': ingress('apx', '{number: 80}') }, 'i.yaml').map((f) => [f.rule, f.text]), [['dangling/ingress-backend', 'apx']]);
  const hpa = (name: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: api, namespace: shop}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${name}}\n  maxReplicas: 3\n`;
  assert.deepEqual(check({ ...files, 'h.yaml': hpa('api') }, 'h.yaml'), []);
  assert.deepEqual(check({ ...files, 'h.yaml': hpa('ap') }, 'h.yaml').map((f) => [f.rule, f.text]), [['dangling/scale-target', 'ap']]);
});

test('StatefulSet service must exist and be headless; duplicates in a file are errors, across files info', () => {
  const sts = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: "postgres:16"}]\n`;
  const svc = (ip: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  clusterIP: ${ip}\n  selector: {app: db}\n  ports: [{port: 5432}]\n`;
  assert.deepEqual(check({ 's.yaml': sts, 'v.yaml': svc('None') }, 's.yaml'), []);
  assert.deepEqual(check({ 's.yaml': sts, 'v.yaml': svc('10.0.0.1') }, 's.yaml').map((f) => [f.rule, f.text]), [['statefulset-service', 'db']]);
  const twice = `${settings}---\n${settings}`;
  assert.deepEqual(check({ 'c.yaml': twice }, 'c.yaml').map((f) => [f.rule, f.severity]), [['duplicate-resource', 'error']]);
  assert.deepEqual(check({ 'c.yaml': settings, 'd.yaml': settings }, 'c.yaml').map((f) => [f.rule, f.severity]), [['duplicate-resource', 'info']]);
});

test('missing-key offers to add the key to the Secret in its own file, at its indentation', () => {
  const files = { 'a.yaml': deployment(volumes), 'b.yaml': secret('pass'), 'c.yaml': settings };
  let ws = Workspace.empty(undefined, true);
  for (const [u, text] of Object.entries(files)) ws = ws.withFile(u, text);
  const finding = diagnoseWorkspaceFile(ws, 'a.yaml', { catalog, config: DEFAULT_CONFIG }).find((f) => f.ruleId === 'missing-key')!;
  const edit = finding.fixes![0].edits[0];
  assert.equal(edit.uri, 'b.yaml');
  const patched = files['b.yaml'].slice(0, edit.start) + edit.newText + files['b.yaml'].slice(edit.end);
  assert.equal(patched, 'apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: shop}\nstringData:\n  pass: s3cret\n  password: ""\n');
});
