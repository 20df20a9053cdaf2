// Bundles the three entry points with esbuild (the only bundler). Run by `npm run build` and `prepare`.
//   --production   minified, as `npm run package` ships it
//   --out DIR      write the bundles to DIR instead of dist/ (bench/run.mjs benchmarks a production
//                  server there; it finds schemas/ and dist/validators by looking upwards)
import { build } from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // dist/server.js loads dist/server-main.js with a V8 code cache (server/src/launcher.ts).
  // Also the `kubesight-language-server` command (package.json bin) for editors other than VS Code.
  { entryPoints: ['server/src/launcher.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server-main.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/conformance.ts'], outfile: 'dist/conformance.js' },
];
const production = process.argv.includes('--production');
const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? process.argv[outIndex + 1] : 'dist';
for (const e of entries) e.outfile = e.outfile.replace(/^dist\//, `${outDir}/`);
const missing = entries.filter((e) => !existsSync(e.entryPoints[0]));
if (missing.length) console.warn(`build: skipping missing entry points: ${missing.map((e) => e.entryPoints[0]).join(', ')}`);
await Promise.all(entries.filter((e) => existsSync(e.entryPoints[0])).map((e) => build({ ...common, ...e, minify: production })));
// The package's commands (package.json bin) run as they are, from a checkout too.
for (const e of entries) if (e.banner && existsSync(e.outfile)) chmodSync(e.outfile, 0o755);
