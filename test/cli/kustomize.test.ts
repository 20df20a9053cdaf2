// `kubesight check` on a Kustomize layout: the walker reads `Kustomization` files (no extension),
// their patches give no required-field errors, generated ConfigMaps resolve, tagged images pass.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli as run } from './run';
import { tempWorkspace } from '../temp-workspace';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: shop/web
          resources:
            requests: {cpu: 100m, memory: 64Mi}
          readinessProbe:
            tcpSocket: {port: 80}
          envFrom:
            - configMapRef: {name: web-env}
`;
const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n';

test('a Kustomization file (no extension) is walked: its patch, generator and image override count', () => {
  const dir = tempWorkspace('kubesight-cli-kustomize-', {
    'base/web.yaml': deployment,
    'base/Kustomization': 'resources: [web.yaml]\nconfigMapGenerator:\n  - name: web-env\n    literals: [MODE=prod]\nimages:\n  - name: shop/web\n    newTag: "3.1.0"\n',
    'prod/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: replicas.yaml\n',
    'prod/replicas.yaml': patch,
  });
  const r = run(['check', '.', '--format', 'json'], dir);
  const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; severity: string; message: string }[] }[];
  assert.deepEqual(files.map((f) => f.filePath).sort(), ['base/Kustomization', 'base/web.yaml', 'prod/kustomization.yaml', 'prod/replicas.yaml']);
  assert.deepEqual(files.flatMap((f) => f.messages.map((m) => `${f.filePath}: ${m.ruleId} ${m.message}`)), []);
  assert.equal(r.status, 0, r.stderr);
});

test('without the kustomizations the same files get the warnings and errors back', () => {
  const dir = tempWorkspace('kubesight-cli-kustomize-', { 'base/web.yaml': deployment, 'prod/replicas.yaml': patch });
  const r = run(['check', '.', '--format', 'json'], dir);
  const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; severity: string }[] }[];
  const found = files.flatMap((f) => f.messages.filter((m) => m.severity !== 'information').map((m) => `${f.filePath}: ${m.ruleId}`));
  assert.deepEqual(found.sort(), ['base/web.yaml: image-tag', 'base/web.yaml: missing-reference', 'prod/replicas.yaml: schema/required', 'prod/replicas.yaml: schema/required']);
  assert.equal(r.status, 1);
});

test('a kustomization whose build fails gets kustomize\'s error at the failing entry; a Component or an incomplete build gets none', () => {
  const dir = tempWorkspace('kubesight-cli-kustomize-', {
    'base/web.yaml': deployment,
    'base/kustomization.yaml': 'resources: [web.yaml]\nconfigMapGenerator:\n  - name: web-env\n    literals: [MODE=prod]\nimages:\n  - name: shop/web\n    newTag: "3.1.0"\n',
    'prod/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: replicas.yaml\n',
    'prod/replicas.yaml': patch.replace('name: web', 'name: api'),
    'helm/kustomization.yaml': 'resources: [../base]\nhelmCharts:\n  - name: redis\npatches:\n  - path: replicas.yaml\n',
    'helm/replicas.yaml': patch.replace('name: web', 'name: redis-master'),
    'component/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: replicas.yaml\n',
    'component/replicas.yaml': patch,
  });
  const r = run(['check', '.', '--format', 'json'], dir);
  const files = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; severity: string; message: string; line: number; column: number }[] }[];
  const errors = files.flatMap((f) => f.messages.filter((m) => m.severity === 'error').map((m) => `${f.filePath}:${m.line}:${m.column} ${m.message}`));
  assert.deepEqual(errors, ['prod/kustomization.yaml:3:5 kustomize build fails: no resource matches strategic merge patch "[noGrp]/Deployment.v1.apps/api.[noNs]"']);
  assert.equal(r.status, 1);
});
