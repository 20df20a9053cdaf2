// Bundles the three entry points with esbuild (the only bundler). Run by `npm run build` and `prepare`.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };
const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['server/src/cli/conformance.ts'], outfile: 'dist/conformance.js' },
];
const production = process.argv.includes('--production');
await Promise.all(entries.map((e) => build({ ...common, ...e, minify: production })));
