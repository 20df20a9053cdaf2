// Kubesight as a web extension, as in vscode.dev: a code-server whose settings put the extension on
// the UI side (`remote.extensionKind`: ["ui"]), which in a browser is the web-worker extension host,
// so VS Code loads package.json's "browser" entry (dist/browser/client.js) and that starts the
// server as a Web Worker (dist/browser/server.js). Checks, on what the user sees: the broken
// deployment.yaml gets error squiggles and kubesight Problems rows, the Running Extensions view
// lists Kubesight in the web worker, and the Clusters view (which needs Node.js) is not offered.
// Prints ok/FAIL lines and `web extension: N passed, N failed`; writes web-extension-result.json.
// Environment: CS_URL, WEB_WS (the workspace), SHOTS, CHROMIUM, E2E_TIMEOUT_MS.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const CS_URL = process.env.CS_URL;
const WS = process.env.WEB_WS;
const SHOTS = process.env.SHOTS ?? '/tmp/ks-e2e/shots';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 60000);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
context.setDefaultTimeout(TIMEOUT);
const page = await context.newPage();
const results = [];
async function step(name, fn) {
  try {
    const detail = await fn();
    results.push({ name, ok: true, detail });
    console.log(`ok   web extension: ${name}${detail ? ` ${JSON.stringify(detail).slice(0, 200)}` : ''}`);
  } catch (e) {
    results.push({ name, ok: false, error: String(e.message).split('\n')[0] });
    console.log(`FAIL web extension: ${name}: ${String(e.message).split('\n')[0]}`);
    await page.screenshot({ path: path.join(SHOTS, `fail-web-${name.replace(/\W+/g, '-')}.png`) }).catch(() => {});
  }
}

await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS)}`);
await step('deployment.yaml gets error squiggles and kubesight Problems rows from the web worker server', async () => {
  await page.locator('.monaco-workbench').waitFor();
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'deployment.yaml' }).first().click();
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-lines', { hasText: 'apiVersion' }).waitFor();
  await editor.locator('.squiggly-error').first().waitFor();
  await page.locator('#status\\.problems').click();
  const rows = page.locator('.markers-panel .monaco-list-row');
  await rows.filter({ hasText: 'kubesight' }).first().waitFor();
  const labels = await rows.evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label') ?? ''));
  // The rows' labels carry the messages (a schema error and a selector mismatch), not the rule ids.
  if (!labels.some((l) => /spec\.replicas in body must be of type integer/.test(l)) || !labels.some((l) => /does not match template `labels`/.test(l))) throw new Error(`rows: ${labels.slice(0, 8).join(' | ')}`);
  await page.screenshot({ path: path.join(SHOTS, 'web-extension.png') });
  return { rows: labels.length };
});
await step('"Developer: Show Running Extensions" lists Kubesight in the web worker', async () => {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('>Developer: Show Running Extensions');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().click();
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Kubesight' }).first();
  await row.waitFor();
  const text = (await row.innerText()).replace(/\s+/g, ' ');
  if (!/web worker/i.test(text)) throw new Error(`Kubesight's row: ${text}`);
  await page.screenshot({ path: path.join(SHOTS, 'web-extension-running.png') });
  return { row: text.slice(0, 120) };
});
await step('the Clusters view, which needs Node.js, is not offered', async () => {
  await page.waitForTimeout(500);
  const item = page.locator('.activitybar .action-item .action-label[aria-label="Kubesight"]');
  if (await item.count()) throw new Error('the Kubesight activity bar item is shown');
});
await browser.close();
const passed = results.filter((r) => r.ok).length;
fs.mkdirSync(SHOTS, { recursive: true });
fs.writeFileSync(path.join(SHOTS, 'web-extension-result.json'), JSON.stringify({ results }, null, 2));
console.log(`web extension: ${passed} passed, ${results.length - passed} failed`);
process.exit(passed === results.length ? 0 : 1);
