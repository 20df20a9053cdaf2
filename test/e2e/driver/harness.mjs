// The run's bookkeeping and the browser: the environment settings, timings, the results list,
// step() (one named check, ok/FAIL line, a screenshot on failure), shot() (a screenshot, optionally
// also a README picture) and launchBrowser(), which opens the page every other module drives.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

export const CS_URL = process.env.CS_URL ?? 'http://127.0.0.1:8765';
export const WS = process.env.WS ?? '/tmp/ks-e2e/ws';
export const SHOTS = process.env.SHOTS ?? '/tmp/ks-e2e/shots';
const DOCS_SHOTS = process.env.DOCS_SHOTS || '';
const E2E_RUN = process.env.E2E_RUN ?? '/tmp/ks-e2e/run';
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 60000);
const ONLY = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : undefined;
fs.mkdirSync(SHOTS, { recursive: true });
if (DOCS_SHOTS) fs.mkdirSync(DOCS_SHOTS, { recursive: true });

export const t0 = Date.now();
export let csStarted = NaN;
try {
  csStarted = Number(fs.readFileSync(path.join(E2E_RUN, 'code-server.started-ms'), 'utf8'));
} catch {
  // timing only
}
export const timings = {};
export const mark = (name) => (timings[name] = Date.now() - t0);
export const results = [];
export let page; // set once the browser is up; step() screenshots failures with it
export const text = (s) => String(s ?? '').replace(/\u00a0/g, ' ');

export async function shot(name, docsName) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  if (DOCS_SHOTS && docsName) fs.copyFileSync(path.join(SHOTS, `${name}.png`), path.join(DOCS_SHOTS, `${docsName}.png`));
}

export async function step(name, fn) {
  if (ONLY && results.length > 0 && !ONLY.test(name)) return;
  const s = Date.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true, ms: Date.now() - s, detail });
    console.log(`ok   ${name} (${Date.now() - s} ms)${detail ? ' ' + JSON.stringify(detail).slice(0, 300) : ''}`);
  } catch (e) {
    const msg = String(e?.message ?? e).replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
    results.push({ name, ok: false, ms: Date.now() - s, error: msg.split('\n')[0] });
    console.log(`FAIL ${name}: ${msg.split('\n').slice(0, 3).join(' | ')}`);
    await page?.screenshot({ path: path.join(SHOTS, `fail-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    await page?.keyboard.press('Escape').catch(() => {});
  }
}

/** Launches headless Chromium and opens `page`; resolves with the browser (closed by the caller). */
export async function launchBrowser() {
  // Loopback only; HOME/XDG for Chromium inside E2E_RUN (it writes ~/.config/chromium otherwise).
  const browserHome = path.join(E2E_RUN, 'browser-home');
  fs.mkdirSync(browserHome, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    env: { ...process.env, HOME: browserHome, XDG_CONFIG_HOME: path.join(browserHome, '.config'), XDG_CACHE_HOME: path.join(browserHome, '.cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  mark('browserLaunched');
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  context.setDefaultTimeout(TIMEOUT);
  page = await context.newPage();
  return browser;
}
