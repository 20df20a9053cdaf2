// The browser build (VS Code for the Web: vscode.dev, github.dev): the language server as a web
// worker, dist/browser/server.js (server/src/browser/main.ts), and the client for the web extension
// host, dist/browser/client.js (client/src/browser-extension.ts; package.json "browser").
// The server's Node.js imports resolve to server/src/browser/shims (no file system, no processes),
// and `kubesight:schemas` to the schemas/ folder inlined (the worker cannot read files).
//   node scripts/build-browser.mjs [--production]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const shims = join(root, 'server/src/browser/shims');
const SHIMMED = ['fs', 'path', 'url', 'child_process', 'util', 'crypto'];

/** `node:fs` and `fs` → shims/fs.ts, …; any other Node.js module is an error at build time. */
const nodeShims = {
  name: 'node-shims',
  setup(b) {
    b.onResolve({ filter: /^(node:)?(fs|path|url|child_process|util|crypto|fs\/promises|os|module|v8|vm|inspector)$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (SHIMMED.includes(name)) return { path: join(shims, `${name}.ts`) };
      return { errors: [{ text: `${args.path} has no browser shim (imported by ${args.importer})` }] };
    });
  },
};

/** `kubesight:schemas`: versions.json, definitions.json, every version's index.json and the CRD catalog, as one module. */
const inlinedSchemas = {
  name: 'inlined-schemas',
  setup(b) {
    b.onResolve({ filter: /^kubesight:schemas$/ }, () => ({ path: 'schemas', namespace: 'kubesight' }));
    b.onLoad({ filter: /.*/, namespace: 'kubesight' }, () => {
      const dir = join(root, 'schemas');
      const read = (f) => JSON.parse(readFileSync(join(dir, f), 'utf8'));
      const { versions } = read('versions.json');
      const indexes = Object.fromEntries(versions.map((v) => [v, read(join(v, 'index.json'))]));
      // The CRD catalog (schemas/catalog): its index and every project's bodies file.
      const catalogFiles = readdirSync(join(dir, 'catalog')).filter((f) => f.endsWith('.json'));
      const catalog = { index: read('catalog/index.json'), bodies: Object.fromEntries(catalogFiles.filter((f) => f !== 'index.json').map((f) => [f, read(join('catalog', f))])) };
      const watchFiles = [join(dir, 'versions.json'), join(dir, 'definitions.json'), ...versions.map((v) => join(dir, v, 'index.json')), ...catalogFiles.map((f) => join(dir, 'catalog', f))];
      return { contents: JSON.stringify({ versions, definitions: read('definitions.json'), indexes, catalog }), loader: 'json', watchFiles };
    });
  },
};

const production = process.argv.includes('--production');
const common = { bundle: true, platform: 'browser', target: 'es2022', sourcemap: !production, minify: production, logLevel: 'warning', absWorkingDir: root };
await Promise.all([
  build({ ...common, entryPoints: ['server/src/browser/main.ts'], outfile: 'dist/browser/server.js', format: 'iife', plugins: [nodeShims, inlinedSchemas], inject: [join(shims, 'immediate.ts')] }),
  ...(statSync(join(root, 'client/src/browser-extension.ts'), { throwIfNoEntry: false }) ? [build({ ...common, entryPoints: ['client/src/browser-extension.ts'], outfile: 'dist/browser/client.js', format: 'cjs', external: ['vscode'] })] : []),
]);
const size = (f) => `${(statSync(join(root, f)).size / 1024 / 1024).toFixed(1)} MB`;
console.log(`browser: dist/browser/server.js ${size('dist/browser/server.js')}${readdirSync(join(root, 'dist/browser')).includes('client.js') ? `, client.js ${size('dist/browser/client.js')}` : ''}`);
