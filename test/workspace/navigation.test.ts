import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renameAt } from '../../server/src/core/features/navigation';
import { Workspace } from '../../server/src/core/workspace/workspace';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web, tier: front}
    spec:
      containers: [{name: web, image: "nginx:1.27.3"}]
`;
const service = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports: [{port: 80}]
`;
const other = `apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: elsewhere
spec:
  selector:
    app: web
  ports: [{port: 80}]
`;

function rename(file: string, needle: string, newName: string, nth = 0): Record<string, { text: string; newText: string }[]> {
  const ws = Workspace.empty(undefined, true).withFile('d.yaml', deployment).withFile('s.yaml', service).withFile('o.yaml', other);
  const texts: Record<string, string> = { 'd.yaml': deployment, 's.yaml': service, 'o.yaml': other };
  const text = texts[file];
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  const edits = renameAt(ws, file, offset + 1, newName);
  const out: Record<string, { text: string; newText: string }[]> = {};
  for (const [uri, list] of edits ?? new Map<string, { start: number; end: number; newText: string }[]>()) out[uri] = list.map((e) => ({ text: texts[uri].slice(e.start, e.end), newText: e.newText }));
  return out;
}

test('renaming a label value renames it in labels and selectors of the namespace, not elsewhere', () => {
  const edits = rename('s.yaml', 'web', 'shop', 1);
  assert.equal(edits['d.yaml'].length, 3);
  assert.ok(edits['d.yaml'].every((e) => e.text === 'web' && e.newText === 'shop'));
  assert.deepEqual(edits['s.yaml'], [{ text: 'web', newText: 'shop' }]);
  assert.equal(edits['o.yaml'], undefined);
});

test('renaming a label key renames the key everywhere it links', () => {
  const edits = rename('d.yaml', 'app', 'app.kubernetes.io/name', 1);
  assert.equal(edits['d.yaml'].length, 3);
  assert.deepEqual(edits['s.yaml'], [{ text: 'app', newText: 'app.kubernetes.io/name' }]);
});

test('renaming an object renames its name and the references to it', () => {
  const edits = rename('d.yaml', 'web', 'shop', 0);
  assert.deepEqual(Object.keys(edits), ['d.yaml']);
  assert.deepEqual(edits['d.yaml'], [{ text: 'web', newText: 'shop' }]);
});

test('dependents: files that reference, select or duplicate what changed, and nothing else', async () => {
  const { dependentFiles } = await import('../../server/src/core/workspace/dependents');
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {a: b}\n';
  const user = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: "x:1", envFrom: [{secretRef: {name: db}}]}]\n';
  const ws = Workspace.empty(undefined, true).withFile('secret.yaml', secret).withFile('user.yaml', user).withFile('d.yaml', deployment).withFile('s.yaml', service).withFile('o.yaml', other);
  const changedSecret = ws.file('secret.yaml')!.objects;
  assert.deepEqual(dependentFiles(ws, changedSecret, ['user.yaml', 'd.yaml', 's.yaml', 'o.yaml']), ['user.yaml']);
  const changedDeployment = ws.file('d.yaml')!.objects;
  assert.deepEqual(dependentFiles(ws, changedDeployment, ['user.yaml', 's.yaml', 'o.yaml']), ['s.yaml']);
  assert.deepEqual(dependentFiles(ws, [], ['user.yaml']), []);
});

test('changedObjects: only objects of re-parsed documents whose linkable data changed', async () => {
  const { changedObjects } = await import('../../server/src/core/workspace/dependents');
  const a = Workspace.empty(undefined, true).withFile('d.yaml', deployment);
  const same = a.withFile('d.yaml', deployment.replace('nginx:1.27.3', 'nginx:1.27.4'));
  assert.deepEqual(changedObjects(a.file('d.yaml')!.objects, same.file('d.yaml')!.objects), []);
  const relabelled = Workspace.empty(undefined, true).withFile('d.yaml', deployment).withFile('d.yaml', deployment.replace('tier: front', 'tier: back'));
  assert.deepEqual(changedObjects(a.file('d.yaml')!.objects, relabelled.file('d.yaml')!.objects).map((o) => o.name), ['web', 'web']);
});

test('references carry their group: an HPA and a Rollout workloadRef lead to the object of that group only', async () => {
  const { definitionAt } = await import('../../server/src/core/features/navigation');
  const rollout = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec:\n  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n';
  const hpa = (apiVersion: string, kind: string) => `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  maxReplicas: 3\n  scaleTargetRef: {apiVersion: ${apiVersion}, kind: ${kind}, name: web}\n`;
  const ws = Workspace.empty(undefined, true).withFile('d.yaml', deployment).withFile('r.yaml', rollout).withFile('h1.yaml', hpa('argoproj.io/v1alpha1', 'Rollout')).withFile('h2.yaml', hpa('apps/v1', 'Deployment'));
  const at = (uri: string, text: string) => definitionAt(ws, uri, text.lastIndexOf('web') + 1).map((l) => l.uri);
  assert.deepEqual(at('r.yaml', rollout), ['d.yaml']);
  assert.deepEqual(at('h1.yaml', hpa('argoproj.io/v1alpha1', 'Rollout')), ['r.yaml']);
  assert.deepEqual(at('h2.yaml', hpa('apps/v1', 'Deployment')), ['d.yaml']);
});

test('dependents of Gateway API and monitoring objects: a Gateway its routes, a grant the references into its namespace, Services their monitors', async () => {
  const { dependentFiles } = await import('../../server/src/core/workspace/dependents');
  const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: public, namespace: infra}\nspec:\n  gatewayClassName: example\n  listeners: [{name: http, protocol: HTTP, port: 80}]\n';
  const route = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: web, namespace: web}\nspec:\n  parentRefs: [{name: public, namespace: infra}]\n  rules: [{backendRefs: [{name: api, namespace: shop, port: 80}]}]\n';
  const grant = 'apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: web, namespace: shop}\nspec:\n  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: web}]\n  to: [{group: "", kind: Service}]\n';
  const monitor = 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: web, namespace: monitoring}\nspec:\n  namespaceSelector: {any: true}\n  selector: {matchLabels: {app: web}}\n  endpoints: [{port: http}]\n';
  const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: web, labels: {gateway: "true"}}\n';
  const ws = Workspace.empty(undefined, true).withFile('g.yaml', gateway).withFile('r.yaml', route).withFile('grant.yaml', grant).withFile('m.yaml', monitor).withFile('s.yaml', service).withFile('ns.yaml', namespace);
  const all = ['g.yaml', 'r.yaml', 'grant.yaml', 'm.yaml', 's.yaml', 'ns.yaml'];
  const others = (uri: string) => all.filter((u) => u !== uri);
  assert.deepEqual(dependentFiles(ws, ws.file('g.yaml')!.objects, others('g.yaml')), ['r.yaml']);
  assert.deepEqual(dependentFiles(ws, ws.file('grant.yaml')!.objects, others('grant.yaml')), ['r.yaml']);
  assert.deepEqual(dependentFiles(ws, ws.file('s.yaml')!.objects, others('s.yaml')), ['m.yaml']);
  assert.deepEqual(dependentFiles(ws, ws.file('ns.yaml')!.objects, others('ns.yaml')), ['r.yaml']);
});

test('go to definition follows Gateway API and cert-manager references: parentRef, backendRef, certificateRef, gatewayClassName, issuerRef', async () => {
  const { definitionAt } = await import('../../server/src/core/features/navigation');
  const files: Record<string, string> = {
    'route.yaml': 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: shop, namespace: web}\nspec:\n  parentRefs: [{name: edge, namespace: infra}]\n  rules: [{backendRefs: [{name: api, port: 80}]}]\n',
    'gateway.yaml': 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: edge, namespace: infra}\nspec:\n  gatewayClassName: cloud\n  listeners: [{name: https, protocol: HTTPS, port: 443, tls: {certificateRefs: [{name: edge-tls}]}}]\n',
    'class.yaml': 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: cloud}\nspec: {controllerName: example.com/gw}\n',
    'cert.yaml': 'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: edge, namespace: infra}\nspec:\n  secretName: edge-tls\n  dnsNames: [edge.example.com]\n  issuerRef: {name: acme, kind: ClusterIssuer}\n',
    'issuer.yaml': 'apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata: {name: acme}\nspec: {selfSigned: {}}\n',
    'api.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: web}\nspec:\n  ports: [{port: 80}]\n',
  };
  let ws = Workspace.empty(undefined, true);
  for (const [uri, text] of Object.entries(files)) ws = ws.withFile(uri, text);
  // The offset of the value after `name: ` (or another key) in a file.
  const at = (uri: string, needle: string) => definitionAt(ws, uri, files[uri].indexOf(needle) + needle.indexOf(': ') + 3).map((l) => l.uri);
  assert.deepEqual(at('route.yaml', 'name: edge'), ['gateway.yaml']);
  assert.deepEqual(at('route.yaml', 'name: api'), ['api.yaml']);
  assert.deepEqual(at('gateway.yaml', 'gatewayClassName: cloud'), ['class.yaml']);
  // The Secret is the Certificate's: the definition is the object that writes it.
  assert.deepEqual(at('gateway.yaml', 'name: edge-tls'), ['cert.yaml']);
  assert.deepEqual(at('cert.yaml', 'name: acme'), ['issuer.yaml']);
});
