// Client-certificate authentication over HTTPS, as most kubeadm/kind kubeconfigs use: the CA,
// server and client certificates are made with openssl for this run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterConnection, ClusterError } from '../../client/src/cluster/connection';
import { loadKubeconfig } from '../../client/src/cluster/kubeconfig';
import { KubeApiTestServer } from './api-server/server';
import { seedCluster } from './api-server/seed';

let server: KubeApiTestServer;
let dir: string;
const b64 = (file: string) => readFileSync(join(dir, file)).toString('base64');

function makeCertificates(): void {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...key, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=kubesight-test-ca');
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
  openssl('req', ...key, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'san.ext');
  openssl('req', ...key, '-keyout', 'client.key', '-out', 'client.csr', '-subj', '/CN=alice/O=developers');
  openssl('x509', '-req', '-in', 'client.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'client.crt', '-days', '1');
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kubesight-tls-'));
  makeCertificates();
  server = await KubeApiTestServer.start({ key: readFileSync(join(dir, 'server.key'), 'utf8'), cert: readFileSync(join(dir, 'server.crt'), 'utf8'), ca: readFileSync(join(dir, 'ca.crt'), 'utf8') });
  seedCluster(server);
  server.token = 'nobody-has-this'; // anonymous requests are refused: only the certificate gets in
  writeFileSync(
    join(dir, 'config'),
    `apiVersion: v1
kind: Config
current-context: alice
clusters:
- name: tls
  cluster:
    server: ${server.url}
    certificate-authority-data: ${b64('ca.crt')}
users:
- name: alice
  user:
    client-certificate-data: ${b64('client.crt')}
    client-key-data: ${b64('client.key')}
- name: anonymous
  user: {}
contexts:
- name: alice
  context: {cluster: tls, user: alice, namespace: demo}
- name: anonymous
  context: {cluster: tls, user: anonymous}
`,
  );
});
after(() => server?.close());

test('a client certificate from the kubeconfig authenticates over verified TLS', async () => {
  assert.match(server.url, /^https:\/\/127\.0\.0\.1:/);
  const kc = loadKubeconfig([join(dir, 'config')], existsSync);
  const conn = ClusterConnection.open(kc, 'alice', { trusted: true, allowExec: () => false });
  const pods = await conn.request<{ items: unknown[] }>({ path: '/api/v1/namespaces/demo/pods' });
  assert.equal(pods.items.length, 6);
  assert.equal(server.requests.at(-1)!.certificateUser, 'alice');
  const anonymous = ClusterConnection.open(kc, 'anonymous', { trusted: true, allowExec: () => false });
  await assert.rejects(anonymous.request({ path: '/api/v1/namespaces' }), (e: ClusterError) => e.kind === 'unauthorized');
});
