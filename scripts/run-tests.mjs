// Runs every test/**/*.test.ts with node's test runner (TypeScript through tsx), then the
// end-to-end suite in a real VS Code.
// Node 20's `--test` takes no globs, so the files are listed here.
// A test that hangs fails after 5 minutes (--test-timeout) instead of stalling CI.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

function findTests(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') return [];
    if (statSync(full).isDirectory()) return findTests(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Newest modification time under `path` (a file or a folder), 0 if it is missing. */
function newest(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

// The LSP, CLI and bundle tests run dist/: build it first when any of its sources is newer (or it is
// missing), so a stale bundle never passes for the sources. CI's `npm ci` has just built it.
const BUILT = ['dist/client.js', 'dist/server.js', 'dist/server-main.js', 'dist/cli.js', 'dist/conformance.js', 'dist/validators/index.json', 'dist/browser/server.js'];
const SOURCES = ['server/src', 'client/src', 'schemas', 'snippets', 'package.json', 'scripts/build.mjs', 'scripts/build-validators.ts'];
const builtAt = Math.min(...BUILT.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
if (builtAt < Math.max(...SOURCES.map(newest))) {
  console.log('run-tests: dist/ is missing or older than its sources: npm run build');
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const filter = process.argv[2];
const files = findTests('test').filter((f) => !filter || f.includes(filter)).sort();
// The spec reporter streams through; its closing counts are repeated as a plain
// `N passed, N failed` line that any CI log reader understands.
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-timeout=300000', '--test-reporter=spec', ...files], { stdio: ['ignore', 'pipe', 'inherit'] });
const counts = { pass: 0, fail: 0, cancelled: 0 };
let partial = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const lines = (partial + chunk.toString()).split('\n');
  partial = lines.pop() ?? '';
  for (const line of lines) {
    const m = /^ℹ (pass|fail|cancelled) (\d+)$/.exec(line.trim());
    if (m) counts[m[1]] = Number(m[2]);
  }
});
child.on('close', (code) => {
  // The end-to-end suite (a real VS Code, test/e2e/run.mjs) runs after the others, alone: it
  // packages the extension (rewriting dist/) and needs the CPU. KUBESIGHT_E2E=0 skips it for a
  // quick local run; CI always runs it.
  if (filter || process.env.KUBESIGHT_E2E === '0') return finish(code, 0, 0);
  const e2e = spawn(process.execPath, ['test/e2e/run.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let last = { pass: 0, fail: 1 };
  e2e.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    for (const m of chunk.toString().matchAll(/^(\d+) passed, (\d+) failed$/gm)) last = { pass: Number(m[1]), fail: Number(m[2]) };
  });
  e2e.on('close', (e2eCode) => finish(code || e2eCode, last.pass, e2eCode === 0 ? last.fail : Math.max(last.fail, 1)));
});

function finish(code, e2ePass, e2eFail) {
  if (e2ePass || e2eFail) console.log(`unit/integration: ${counts.pass} passed, ${counts.fail + counts.cancelled} failed; end-to-end: ${e2ePass} passed, ${e2eFail} failed`);
  console.log(`${counts.pass + e2ePass} passed, ${counts.fail + counts.cancelled + e2eFail} failed`);
  process.exit(code ?? 1);
}
