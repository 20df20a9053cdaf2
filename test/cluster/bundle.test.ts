// @kubernetes/client-node is ESM-only; the extension host loads our CommonJS bundle. This bundles
// the cluster modules exactly as scripts/build.mjs bundles the client (esbuild, cjs, node20) and
// runs the bundle against the API test server in a separate process.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startCluster, type ClusterFixture } from './setup';

let f: ClusterFixture;
before(async () => {
  f = await startCluster();
});
after(() => f.server.close());

test('the esbuild CommonJS bundle of the cluster modules lists namespaces and pods', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubesight-bundle-'));
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `import { existsSync } from 'node:fs';
import { loadKubeconfig } from ${JSON.stringify(join(process.cwd(), 'client/src/cluster/kubeconfig'))};
import { ClusterConnection } from ${JSON.stringify(join(process.cwd(), 'client/src/cluster/connection'))};
import { ExplorerModel } from ${JSON.stringify(join(process.cwd(), 'client/src/cluster/explorer-model'))};
const kc = loadKubeconfig([process.argv[2]], existsSync);
const model = new ExplorerModel({ kubeconfig: () => kc, connect: (c) => ClusterConnection.open(kc, c, { trusted: true, allowExec: () => false }), activeContext: () => 'test' });
(async () => {
  const [ctx] = await model.children();
  const namespaces = await model.children(ctx);
  console.log(JSON.stringify(namespaces.map((n) => n.type === 'namespace' ? n.namespace : n.type)));
})();
`,
  );
  const outfile = join(dir, 'bundle.js');
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'silent' });
  const stdout = await new Promise<string>((resolve, reject) => execFile(process.execPath, [outfile, f.kubeconfigFile], { timeout: 30_000 }, (e, out, err) => (e ? reject(new Error(`${e.message}\n${err}`)) : resolve(out))));
  assert.deepEqual(JSON.parse(stdout), ['', 'default', 'demo', 'kube-system']);
});
