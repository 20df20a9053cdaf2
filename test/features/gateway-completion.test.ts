// Names proposed in Gateway API reference fields: Gateways in parentRefs, Services in backendRefs,
// Secrets in certificateRefs, GatewayClasses (cluster-scoped) in gatewayClassName.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complete } from '../../server/src/core/features/completion';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { bundledCatalog } from '../../server/src/io/schema-source';

const others = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: web}
spec:
  gatewayClassName: cloud
  listeners: [{name: http, protocol: HTTP, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: cloud}
spec: {controllerName: example.com/gateway}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: web}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: Secret
metadata: {name: edge-tls, namespace: web}
type: kubernetes.io/tls
data: {tls.crt: "", tls.key: ""}
---
apiVersion: v1
kind: Service
metadata: {name: elsewhere, namespace: other}
spec: {ports: [{port: 80}]}
`;

function labelsAt(text: string, marker: string): string[] {
  const ws = Workspace.empty(undefined, true).withFile('others.yaml', others).withFile('main.yaml', text);
  return complete(ws.file('main.yaml')!.parsed, text.indexOf(marker) + marker.length, bundledCatalog(), ws).map((e) => e.label);
}

test('parentRefs and backendRefs propose the Gateways and Services of the namespace', () => {
  const route = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: shop, namespace: web}\nspec:\n  parentRefs:\n    - name: \n  rules:\n    - backendRefs:\n        - name: \n          port: 80\n';
  assert.deepEqual(labelsAt(route, '    - name: '), ['edge']);
  assert.deepEqual(labelsAt(route, '        - name: '), ['api']);
});

test('a Gateway\'s class proposes GatewayClasses of every namespace; its certificateRefs the Secrets of its namespace', () => {
  const gateway = 'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: other, namespace: web}\nspec:\n  gatewayClassName: \n  listeners:\n    - name: https\n      protocol: HTTPS\n      port: 443\n      tls:\n        certificateRefs:\n          - name: \n';
  assert.deepEqual(labelsAt(gateway, 'gatewayClassName: '), ['cloud']);
  assert.deepEqual(labelsAt(gateway, '          - name: '), ['edge-tls']);
});
