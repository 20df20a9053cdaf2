// End-to-end run of Kubesight in a real VS Code (code-server 4.100.3 in headless Chromium),
// offline and on 127.0.0.1 only. Reuses the recipe in ../shared/e2e (README there):
//
//   1. install code-server + chromium if missing   (../shared/e2e/install-code-server.sh, idempotent)
//   2. npm run package                               -> kubesight-<version>.vsix
//   3. driver deps (playwright-core) outside the repo, fixture workspace (examples/broken + test/e2e/workspace),
//      made a git repository with the fixtures committed (immutable-field compares with HEAD)
//   4. Kubernetes API test server (test/e2e/api-server-main.ts via tsx) + a kubeconfig for it
//   5. start code-server with the .vsix installed and KUBECONFIG set (../shared/e2e/start-code-server.sh)
//   6. drive it (test/e2e/driver/drive.mjs): one ok/FAIL line per check, then "N passed, N failed"
//   7. the extension-host suites (test/vscode) in the same code-server (test/e2e/driver/exthost.mjs):
//      one ok/FAIL line per test, then "extension host (code-server): N passed, N failed"; the last
//      line is the sum of all: "N passed, N failed"
//   8. the browser build of the language server as a Web Worker in Chromium (driver/browser-server.mjs),
//      then the whole extension in the web-worker extension host of another code-server, as in
//      vscode.dev (driver/web-extension.mjs)
//   9. always: stop code-server (its process group) and the API server
//
// Exit code: 0 when every check and test passed, 1 otherwise or if a set-up step failed.
// Environment (optional): E2E_TMP (default /tmp/ks-e2e; keep it short, code-server puts a unix
//   socket under it), E2E_PORT (8765), CS_PREFIX (/tmp/cs), E2E_SHARED (../shared/e2e beside the
//   repo), E2E_SCREENSHOTS=1 (also copy the README pictures to docs/screenshots/),
//   E2E_SKIP_PACKAGE=1 (reuse an existing .vsix), E2E_TIMEOUT_MS (per wait in the driver),
//   E2E_WITHOUT_EXTENSION=1 (start code-server without Kubesight: a control run that must fail),
//   E2E_ONLY (a regular expression: run only the checks whose names match, plus the workbench load).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleSuites, prepareWorkspace } from '../vscode/bundle.mjs';
import { startExtraCodeServer } from './extra-code-server.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '../..');
const SHARED = resolve(process.env.E2E_SHARED ?? join(REPO, '../shared/e2e'));
const TMP = resolve(process.env.E2E_TMP ?? '/tmp/ks-e2e');
const PORT = process.env.E2E_PORT ?? '8765';
const CS_PREFIX = process.env.CS_PREFIX ?? '/tmp/cs';
const E2E_RUN = join(TMP, 'run');
const WS = join(TMP, 'ws');
const WSX = join(TMP, 'wsx'); // the extension-host suites' workspace
const WSU = join(TMP, 'wsu'); // the workspace-trust suite's (untrusted) workspace
const WSW = join(TMP, 'wsw'); // the web extension check's workspace
const DRIVER = join(TMP, 'driver');
const SHOTS = join(TMP, 'shots');
const KUBECONFIG_FILE = join(TMP, 'kubeconfig');
const LOG = join(TMP, 'logs');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const VSIX = join(REPO, `${pkg.name}-${pkg.version}.vsix`);

const t0 = Date.now();
const phases = {};
let last = t0;
const phase = (name) => {
  const now = Date.now();
  phases[name] = now - last;
  last = now;
};
const env = { ...process.env, CS_PREFIX, E2E_RUN, E2E_PORT: PORT };

function run(label, cmd, args, opts = {}) {
  const logFile = join(LOG, `${label}.log`);
  const r = spawnSync(cmd, args, { cwd: REPO, env, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  writeFileSync(logFile, `${r.stdout ?? ''}\n--- stderr ---\n${r.stderr ?? ''}`);
  if (r.status !== 0) {
    console.error(`e2e: ${label} failed (exit ${r.status ?? r.signal}); output (${logFile}):`);
    console.error(`${r.stdout ?? ''}${r.stderr ?? ''}`.split('\n').slice(-40).join('\n'));
    throw new Error(`${label} failed`);
  }
  return r.stdout;
}

let apiServer;
let codeServerStarted = false;
let stopUntrusted;
let stopWeb;
function cleanup() {
  stopUntrusted?.();
  stopWeb?.();
  if (codeServerStarted) {
    spawnSync('bash', [join(SHARED, 'stop-code-server.sh')], { env, stdio: 'ignore' });
    codeServerStarted = false;
  }
  if (apiServer && apiServer.exitCode === null) apiServer.kill('SIGTERM');
  apiServer = undefined;
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}

/** Starts the API test server; resolves with once it printed the kubeconfig path. */
function startApiServer() {
  return new Promise((resolveStart, reject) => {
    const tsx = join(REPO, 'node_modules/.bin/tsx');
    apiServer = spawn(tsx, [join(HERE, 'api-server-main.ts'), KUBECONFIG_FILE], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`API test server did not start in 30 s: ${err}`)), 30_000);
    apiServer.stdout.on('data', (d) => {
      out += d;
      const lines = out.split('\n');
      if (lines.length > 2) {
        clearTimeout(timer);
        resolveStart({ kubeconfig: lines[0].trim(), info: lines[1].trim() });
      }
    });
    apiServer.stderr.on('data', (d) => (err += d));
    apiServer.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`API test server exited (${code}): ${err}`));
    });
  });
}

async function main() {
  rmSync(LOG, { recursive: true, force: true });
  mkdirSync(LOG, { recursive: true });
  if (!existsSync(join(SHARED, 'install-code-server.sh'))) throw new Error(`no e2e recipe at ${SHARED} (set E2E_SHARED)`);

  // 1. code-server, chromium, ripgrep (idempotent: a second run only checks).
  console.log(run('install', 'bash', [join(SHARED, 'install-code-server.sh')]).trim().split('\n').pop());
  phase('install');

  // 2. The extension as users get it.
  if (process.env.E2E_SKIP_PACKAGE !== '1' || !existsSync(VSIX)) run('package', 'npm', ['run', 'package']);
  if (!existsSync(VSIX)) throw new Error(`${VSIX} missing after npm run package`);
  console.log(`packaged ${VSIX}`);
  phase('package');

  // 3. Driver (playwright-core, outside the repo) and the fixture workspace.
  mkdirSync(DRIVER, { recursive: true });
  // drive.mjs and the modules it imports, next to the driver's own node_modules.
  for (const f of readdirSync(join(HERE, 'driver')).filter((n) => /\.(mjs|json)$/.test(n))) cpSync(join(HERE, 'driver', f), join(DRIVER, f));
  const want = JSON.parse(readFileSync(join(HERE, 'driver/package.json'), 'utf8')).dependencies['playwright-core'];
  const have = join(DRIVER, 'node_modules/playwright-core/package.json');
  if (!existsSync(have) || JSON.parse(readFileSync(have, 'utf8')).version !== want) {
    run('driver-install', 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: DRIVER });
  }
  prepareWorkspace(REPO, WS);
  // The workspace is a git repository with every fixture committed: the immutable-field check
  // compares edits with HEAD (kubesight.immutable.against). Git here runs on the temporary copy only,
  // with no global or system configuration.
  const git = (...args) => run('workspace-git', 'git', ['-c', 'user.name=Kubesight e2e', '-c', 'user.email=e2e@kubesight.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: WS, env: { ...env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' } });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'e2e fixtures');
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
  phase('prepare');

  // 4. The cluster.
  const cluster = await startApiServer();
  env.KUBECONFIG = cluster.kubeconfig;
  console.log(`${cluster.info}, KUBECONFIG=${cluster.kubeconfig}`);
  phase('apiServer');

  // 5. code-server with our .vsix (inherits KUBECONFIG, so the extension host sees it).
  // E2E_WITHOUT_EXTENSION=1: the same run against a code-server without Kubesight (the checks must fail).
  const withExtension = process.env.E2E_WITHOUT_EXTENSION !== '1';
  codeServerStarted = true;
  console.log(run('start-code-server', 'bash', [join(SHARED, 'start-code-server.sh'), WS, ...(withExtension ? [VSIX] : [])]).trim().split('\n').pop());
  if (!withExtension) console.log('E2E_WITHOUT_EXTENSION=1: Kubesight is NOT installed; the checks are expected to fail');
  phase('startCodeServer');

  // 6. Drive.
  const drive = spawnSync(process.execPath, [join(DRIVER, 'drive.mjs')], {
    cwd: DRIVER,
    stdio: 'inherit',
    env: { ...env, CS_URL: `http://127.0.0.1:${PORT}`, WS, SHOTS, DOCS_SHOTS: process.env.E2E_SCREENSHOTS === '1' ? join(REPO, 'docs/screenshots') : '' },
  });
  phase('drive');
  const ui = countsOf(join(SHOTS, 'result.json'), drive.status);

  // 7. The extension-host suites (test/vscode) in the same code-server, against the installed
  //    extension's folder, in a workspace of their own.
  const exthost = await runExtensionHostSuites(withExtension);
  phase('exthost');

  // 8. The browser build of the server (dist/browser/server.js, built by npm run package) as a Web
  //    Worker in Chromium (driver/browser-server.mjs).
  const worker = spawnSync(process.execPath, [join(DRIVER, 'browser-server.mjs')], { cwd: DRIVER, stdio: 'inherit', env: { ...env, BROWSER_SERVER: join(REPO, 'dist/browser/server.js'), SHOTS } });
  const browserServer = countsOf(join(SHOTS, 'browser-server-result.json'), worker.status);
  phase('browserServer');
  const web = await runWebExtension();
  phase('webExtension');
  const passed = ui.passed + exthost.passed + browserServer.passed + web.passed;
  const failed = ui.failed + exthost.failed + browserServer.failed + web.failed;
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

/** A driver's counts from the results file it writes; a driver that failed without one counts as one failure. */
function countsOf(file, status) {
  const results = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).results : [];
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  return { passed, failed: status !== 0 && failed === 0 ? 1 : failed };
}

/**
 * The suites of a trusted window in the running code-server, then the workspace-trust suite in a
 * second code-server with trust on (extra-code-server.mjs), each in a workspace of its own.
 */
async function runExtensionHostSuites(withExtension) {
  const tests = await bundleSuites(REPO);
  const installed = withExtension ? readdirSync(join(E2E_RUN, 'ext')).find((d) => d.startsWith(`${pkg.publisher}.${pkg.name}-`)) : undefined;
  const extension = join(E2E_RUN, 'ext', installed ?? 'not-installed');
  const trusted = exthost(`http://127.0.0.1:${PORT}`, prepareWorkspace(REPO, WSX), extension, tests, 'exthost-result.json');
  const untrustedServer = await startExtraCodeServer({ csPrefix: CS_PREFIX, firstRun: E2E_RUN, run: join(TMP, 'run-u'), port: Number(PORT) + 1, workspace: prepareWorkspace(REPO, WSU), env: { ...env, KUBESIGHT_TEST_SUITES: 'untrusted' }, trust: true });
  stopUntrusted = untrustedServer.stop;
  try {
    const untrusted = exthost(untrustedServer.url, WSU, extension, tests, 'exthost-untrusted-result.json', 'untrusted');
    return { passed: trusted.passed + untrusted.passed, failed: trusted.failed + untrusted.failed };
  } finally {
    untrustedServer.stop();
    stopUntrusted = undefined;
  }
}

/** Kubesight in the web-worker extension host of a third code-server (driver/web-extension.mjs). */
async function runWebExtension() {
  const settings = { 'remote.extensionKind': { [`${pkg.publisher}.${pkg.name}`]: ['ui'] } };
  const server = await startExtraCodeServer({ csPrefix: CS_PREFIX, firstRun: E2E_RUN, run: join(TMP, 'run-w'), port: Number(PORT) + 2, workspace: prepareWorkspace(REPO, WSW), env, settings });
  stopWeb = server.stop;
  try {
    const r = spawnSync(process.execPath, [join(DRIVER, 'web-extension.mjs')], { cwd: DRIVER, stdio: 'inherit', env: { ...env, CS_URL: server.url, WEB_WS: WSW, SHOTS } });
    return countsOf(join(SHOTS, 'web-extension-result.json'), r.status);
  } finally {
    server.stop();
    stopWeb = undefined;
  }
}

function exthost(csUrl, workspace, extension, tests, resultFile, suites = '') {
  const r = spawnSync(process.execPath, [join(DRIVER, 'exthost.mjs')], {
    cwd: DRIVER,
    stdio: 'inherit',
    env: { ...env, CS_URL: csUrl, EXTHOST_WS: workspace, EXTHOST_EXTENSION: extension, EXTHOST_TESTS: tests, EXTHOST_RESULT: resultFile, KUBESIGHT_TEST_SUITES: suites, SHOTS },
  });
  return countsOf(join(SHOTS, resultFile), r.status);
}

let code = 1;
try {
  code = await main();
} catch (e) {
  console.error(`e2e: ${e?.message ?? e}`);
  console.log('0 passed, 1 failed');
} finally {
  cleanup();
}
const total = Date.now() - t0;
console.log(`phases (ms): ${Object.entries(phases).map(([k, v]) => `${k}=${v}`).join(' ')} total=${total}`);
console.log(`logs: ${LOG}, ${E2E_RUN}/code-server.log, ${E2E_RUN}/ud/logs; screenshots: ${SHOTS}`);
process.exit(code);
