// Runs the extension-host suites (test/vscode, bundled to dist/test-vscode by test/vscode/bundle.mjs)
// inside code-server's extension host: the workbench URL carries the extension development path
// and the tests path in its `payload` (as VS Code's own browser integration tests do), so the
// remote extension host loads the extension from that folder and runs the suites' `run()`.
// Each test's outcome arrives as a `kubesight-test {json}` console line (index.vscode.ts), which the
// workbench forwards to `window.codeAutomationLog`; the end comes through `codeAutomationExit`.
// Prints one ok/FAIL line per test and `extension host (code-server): N passed, N failed`.
//
// Environment: CS_URL, EXTHOST_WS (the workspace folder), EXTHOST_EXTENSION (the extension's folder
// on the code-server machine), EXTHOST_TESTS (the bundled index.vscode.js), EXTHOST_TIMEOUT_MS
// (whole run, default 10 minutes), EXTHOST_RESULT (results file name in SHOTS), SHOTS (a
// screenshot when the run fails), CHROMIUM, KUBESIGHT_TEST_SUITES (only named in the summary line).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const CS_URL = process.env.CS_URL ?? 'http://127.0.0.1:8765';
const { EXTHOST_WS, EXTHOST_EXTENSION, EXTHOST_TESTS } = process.env;
const TIMEOUT = Number(process.env.EXTHOST_TIMEOUT_MS ?? 600_000);
const SHOTS = process.env.SHOTS ?? '/tmp/ks-e2e/shots';
const MARK = 'kubesight-test ';
const SUITES = process.env.KUBESIGHT_TEST_SUITES; // passed to the extension host through code-server's environment

if (!EXTHOST_WS || !EXTHOST_EXTENSION || !EXTHOST_TESTS) throw new Error('EXTHOST_WS, EXTHOST_EXTENSION and EXTHOST_TESTS are required');
const remote = (p) => `vscode-remote://${new URL(CS_URL).host}${p}`;
const payload = JSON.stringify([
  ['extensionDevelopmentPath', remote(EXTHOST_EXTENSION)],
  ['extensionTestsPath', remote(EXTHOST_TESTS)],
]);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
const results = [];
let ended = false;
let finish;
const exited = new Promise((resolve) => (finish = resolve));

/** One console message of the extension host: a result line, or the run's end. */
function onLog(args) {
  const text = args.map(String).join(' ');
  const at = text.indexOf(MARK);
  if (at < 0) return;
  const r = JSON.parse(text.slice(at + MARK.length));
  if (r.end) {
    ended = true;
    return;
  }
  results.push(r);
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} exthost: ${r.title}${r.ok ? ` (${r.ms} ms)` : `: ${r.error}`}`);
}
await page.exposeFunction('codeAutomationLog', (_type, args) => onLog(Array.isArray(args) ? args : [args]));
await page.exposeFunction('codeAutomationExit', (code) => finish(code));
const started = Date.now();
await page.goto(`${CS_URL}/?folder=${encodeURIComponent(EXTHOST_WS)}&payload=${encodeURIComponent(payload)}`);
const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('timeout'), TIMEOUT))]);
if (code !== 0) await page.screenshot({ path: path.join(SHOTS, 'fail-exthost.png') }).catch(() => {});
await browser.close();

const passed = results.filter((r) => r.ok).length;
let failed = results.length - passed;
if (code === 'timeout') console.log(`FAIL exthost: the suites did not finish in ${TIMEOUT} ms`);
if (!ended || code !== 0) failed = Math.max(failed, 1); // a crash or a timeout is a failure even with no failed test
fs.mkdirSync(SHOTS, { recursive: true });
fs.writeFileSync(path.join(SHOTS, process.env.EXTHOST_RESULT ?? 'exthost-result.json'), JSON.stringify({ ms: Date.now() - started, code, results }, null, 2));
console.log(`extension host (code-server${SUITES ? `, ${SUITES}` : ''}): ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
