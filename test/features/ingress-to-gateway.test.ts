// "Convert to Gateway API": the Gateway and HTTPRoutes written for an Ingress, and that they pass
// the link rules of the workspace they land in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { diagnoseWorkspaceFile } from '../../server/src/core/features/diagnostics';
import { ingressConversion } from '../../server/src/core/features/ingress-to-gateway';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { decodeManifests } from '../../server/src/shared/manifest-yaml';
import { bundledCatalog } from '../../server/src/io/schema-source';

const INGRESS = `# The shop's entry point.
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: web
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  ingressClassName: nginx
  tls:
    - hosts: [shop.example.com]
      secretName: shop-tls
  defaultBackend:
    service: {name: web, port: {number: 80}}
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /api
            pathType: Prefix
            backend: {service: {name: api, port: {name: http}}}
          - path: /health
            pathType: Exact
            backend: {service: {name: api, port: {number: 8080}}}
          - path: /legacy
            pathType: ImplementationSpecific
            backend: {resource: {apiGroup: k8s.example.com, kind: Bucket, name: static}}
    - host: "*.example.com"
      http:
        paths:
          - path: /
            pathType: ImplementationSpecific
            backend: {service: {name: web, port: {name: www}}}
`;
const SERVICES = `apiVersion: v1
kind: Service
metadata: {name: api, namespace: web}
spec:
  ports: [{name: http, port: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: web}
spec:
  ports: [{name: web, port: 80}]
`;

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function converted(text = INGRESS, others: Record<string, string> = { 'services.yaml': SERVICES }): { text: string; ws: Workspace } {
  let ws = Workspace.empty(undefined, true).withFile('ingress.yaml', text);
  for (const [uri, t] of Object.entries(others)) ws = ws.withFile(uri, t);
  const fix = ingressConversion(ws, 'ingress.yaml', text.indexOf('kind: Ingress'));
  assert.ok(fix, 'the action is offered on the Ingress');
  assert.equal(fix.edits.length, 1);
  const [edit] = fix.edits;
  const out = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  return { text: out, ws: ws.withFile('ingress.yaml', out) };
}

test('an Ingress becomes a Gateway with a listener per host and an HTTPRoute per host, as ingress2gateway writes them', () => {
  const { text } = converted();
  const [gateway, ...routes] = decodeManifests(text) as Obj[];
  assert.equal(gateway.kind, 'Gateway');
  assert.deepEqual(gateway.metadata, { name: 'shop', namespace: 'web', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } });
  assert.equal(gateway.spec.gatewayClassName, 'nginx');
  assert.deepEqual(gateway.spec.listeners.map((l: Obj) => [l.name, l.protocol, l.port, l.hostname, l.tls?.certificateRefs?.[0]?.name]), [
    ['shop-example-com-http', 'HTTP', 80, 'shop.example.com', undefined],
    ['shop-example-com-https', 'HTTPS', 443, 'shop.example.com', 'shop-tls'],
    ['wildcard-example-com-http', 'HTTP', 80, '*.example.com', undefined],
  ]);
  assert.deepEqual(routes.map((r) => [r.kind, r.metadata.name, r.metadata.namespace, r.spec.parentRefs, r.spec.hostnames]), [
    ['HTTPRoute', 'shop-shop-example-com', 'web', [{ name: 'shop' }], ['shop.example.com']],
    ['HTTPRoute', 'shop-wildcard-example-com', 'web', [{ name: 'shop' }], ['*.example.com']],
  ]);
  // Prefix → PathPrefix, Exact → Exact, ImplementationSpecific → PathPrefix; port names → the Service's numbers;
  // the resource backend is left out; the default backend is a last rule without matches.
  assert.deepEqual(routes[0].spec.rules, [
    { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [{ name: 'api', port: 8080 }] },
    { matches: [{ path: { type: 'Exact', value: '/health' } }], backendRefs: [{ name: 'api', port: 8080 }] },
    { backendRefs: [{ name: 'web', port: 80 }] },
  ]);
  assert.deepEqual(routes[1].spec.rules[0], { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'web' }] });
});

test('what has no Gateway API equivalent is listed in a comment above the objects, the Ingress\'s own comment kept', () => {
  const { text } = converted();
  const comment = text.split('\n').filter((l) => l.startsWith('#'));
  assert.deepEqual(comment, [
    "# The shop's entry point.",
    '# Not translated to Gateway API (no equivalent written):',
    '#   annotation nginx.ingress.kubernetes.io/rewrite-target: /',
    '#   spec.rules[0].http.paths[2]: a resource backend (only Service backends are translated)',
    '#   spec.rules[1].http.paths[0]: port "www" of Service "web": backendRefs need the Service\'s port number',
  ]);
  assert.doesNotMatch(text, /kind: Ingress/);
});

test('the converted objects pass the link rules: the routes attach to the listeners, backends and ports resolve', () => {
  const simple = INGRESS.replace('name: www', 'name: web').replace(/ {10}- path: \/legacy\n.*\n.*\n/, '');
  const { ws } = converted(simple);
  const findings = diagnoseWorkspaceFile(ws, 'ingress.yaml', { catalog: bundledCatalog(), config: DEFAULT_CONFIG });
  assert.deepEqual(findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.ruleId}: ${f.message}`), []);
  // The class and the issuer come with the cluster (information); the cert-manager annotation makes the TLS Secret.
  assert.deepEqual(findings.filter((f) => !f.ruleId.startsWith('schema/')).map((f) => f.message.split(' not found')[0]), ['ClusterIssuer "letsencrypt"', 'GatewayClass "nginx"']);
});

test('a Service port name that cannot be resolved leaves the port out, which the HTTPRoute CRD rule then reports', () => {
  const { ws, text } = converted(INGRESS, {});
  assert.match(text, /port "http" of Service "api": backendRefs need the Service's port number/);
  const findings = diagnoseWorkspaceFile(ws, 'ingress.yaml', { catalog: bundledCatalog(), config: DEFAULT_CONFIG });
  // The bundled catalog's HTTPRoute has the CEL rule; port-reference says it only without a schema.
  assert.ok(findings.some((f) => f.ruleId === 'schema/cel' && /Must have port for Service reference/.test(f.message)));
});

test('an Ingress without class or rules: a placeholder class, one host-less listener and route for the default backend', () => {
  const bare = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: fallback\nspec:\n  defaultBackend:\n    service: {name: web, port: {number: 80}}';
  const { text } = converted(bare, {});
  const [gateway, route] = decodeManifests(text) as Obj[];
  assert.equal(gateway.spec.gatewayClassName, '<gateway-class>');
  assert.deepEqual(gateway.spec.listeners, [{ name: 'all-hosts-http', protocol: 'HTTP', port: 80 }]);
  assert.deepEqual(route.metadata, { name: 'fallback-all-hosts' });
  assert.deepEqual(route.spec, { parentRefs: [{ name: 'fallback' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] });
  assert.match(text, /# {3}no ingress class: set gatewayClassName/);
  assert.ok(!text.endsWith('\n'), 'the document ended without a line break, and still does');
});

test('not offered outside an Ingress', () => {
  const ws = Workspace.empty(undefined, true).withFile('s.yaml', SERVICES);
  assert.equal(ingressConversion(ws, 's.yaml', 10), undefined);
  assert.equal(ingressConversion(ws, 'missing.yaml', 0), undefined);
});
