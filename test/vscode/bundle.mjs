// Bundles the extension-host suites (test/vscode/*.vscode.ts) into dist/test-vscode/: CommonJS for
// the extension host; `vscode` comes from the host and mocha from node_modules, so the runner and
// the suites share one mocha. Used by scripts/test-vscode.mjs and test/e2e/run.mjs.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function bundleSuites(root) {
  const dir = join(root, 'test', 'vscode');
  const entryPoints = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.vscode.ts')).map((f) => [f.replace(/\.ts$/, ''), join(dir, f)]));
  const outdir = join(root, 'dist', 'test-vscode');
  await build({ entryPoints, absWorkingDir: root, outdir, bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, external: ['vscode', 'mocha'], logLevel: 'warning' });
  return join(outdir, 'index.vscode.js');
}

/** The suites' workspace: examples/broken and test/e2e/workspace copied into `dir` (made empty first). */
export function prepareWorkspace(root, dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const from of [join(root, 'examples', 'broken'), join(root, 'test', 'e2e', 'workspace')]) {
    for (const f of readdirSync(from)) cpSync(join(from, f), join(dir, f));
  }
  return dir;
}
