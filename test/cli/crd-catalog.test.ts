// kubesight check with the bundled CRD catalog: custom resources are checked, the JSON names where
// each custom kind's schema came from, and gatewayAPIChannel in .kubesight.yaml picks the channel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli as run } from './run';
import { tempWorkspace } from '../temp-workspace';

const certificate = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: shop-tls
spec:
  secretName: shop-tls
  dnsNames: [shop.example.com]
  issuerRef: {name: letsencrypt, kind: ClusterIssuer}
  privateKey: {algorithm: RSB}
`;

test('a catalog kind is checked and the JSON names its schema source', () => {
  const dir = tempWorkspace('kubesight-cli-crd-', { 'cert.yaml': certificate });
  const r = run(['check', '.', '--format', 'json'], dir);
  assert.equal(r.status, 1, r.stderr);
  const [file] = JSON.parse(r.stdout);
  assert.ok(file.messages.some((m: { message: string }) => /spec\.privateKey\.algorithm: Unsupported value: "RSB"/.test(m.message)));
  assert.equal(file.customSchemas.length, 1);
  assert.match(file.customSchemas[0].schemaFrom, /^the bundled catalog: cert-manager \(cert-manager\/cert-manager at [0-9a-f]{12}/);
});

test('gatewayAPIChannel: experimental switches the Gateway API schemas', () => {
  const route = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: shop\nspec:\n  parentRefs: [{name: edge}]\n';
  const standard = JSON.parse(run(['check', '.', '--format', 'json'], tempWorkspace('kubesight-cli-gw-', { 'route.yaml': route })).stdout);
  assert.match(standard[0].customSchemas[0].schemaFrom, /standard channel/);
  const dir = tempWorkspace('kubesight-cli-gw-', { 'route.yaml': route, '.kubesight.yaml': 'gatewayAPIChannel: experimental\n' });
  const experimental = JSON.parse(run(['check', 'route.yaml', '--format', 'json'], dir).stdout);
  assert.match(experimental[0].customSchemas[0].schemaFrom, /experimental channel/);
});
