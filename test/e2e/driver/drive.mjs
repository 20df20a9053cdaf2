// Drives a running code-server (with the Kubesight .vsix installed) in headless Chromium via
// playwright-core and checks, on DOM text, what a user sees:
//   diagnostics  broken deployment.yaml -> error squiggle + Problems rows "kubesight(schema)" etc.
//   quick fix    Ctrl+. on the `imagePullPolcy` typo -> 'Change to "imagePullPolicy"' -> the text changes
//   hover        `minReadySeconds` in app.yaml -> the schema description
//   completion   Ctrl+Space on an empty line inside a Deployment's `spec:` -> replicas, strategy, ...;
//                on a new `- ` item of `containers:` -> name, image, ...; on a configMapRef `name:`
//                -> the ConfigMap defined in config.yaml
//   snippet      `k8s-deployment` + Enter in scratch.yaml -> a full Deployment, no error squiggle
//   immutable    editing the committed Job's image in job.yaml -> Problems "kubesight(immutable-field)"
//                "field is immutable (compared with git HEAD)"; undo -> the entry goes away
//   cluster view Kubesight activity-bar container, "Clusters" view, context -> demo -> Workloads
//                -> Deployments -> `web` "3/3 ready" (served by the Kubernetes API test server)
//   open YAML    clicking `web` opens a read-only editor with the live Deployment, no managedFields;
//                Config -> Secrets -> `db-credentials` shows its values masked, never the seeded value
//   live status  live.yaml: CodeLens above each object's `kind:` line (`not in cluster`,
//                `3/3 ready · 1 field differs`, `failed: CrashLoopBackOff`), the drift mark
//                `live: nginx:1.27.3`, and the "Why isn't it ready?" hover on worker's `kind:` line
//   offline      the page made no request outside loopback
// One ok/FAIL line per check, last line "N passed, N failed", exit 0 only if all passed.
// Copied by test/e2e/run.mjs into a folder outside the repo that has playwright-core installed.
//
// Environment: CS_URL (http://127.0.0.1:8765), WS (workspace folder), SHOTS (screenshots +
//   result.json), DOCS_SHOTS (if set: also write the README pictures there), E2E_RUN (reads
//   code-server.started-ms), CHROMIUM (/usr/bin/chromium), E2E_TIMEOUT_MS (per wait, 60000),
//   E2E_ONLY (a regular expression: only the checks whose names match run, plus the workbench load;
//   for working on one check, since later checks rely on what earlier ones opened).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

const CS_URL = process.env.CS_URL ?? 'http://127.0.0.1:8765';
const WS = process.env.WS ?? '/tmp/ks-e2e/ws';
const SHOTS = process.env.SHOTS ?? '/tmp/ks-e2e/shots';
const DOCS_SHOTS = process.env.DOCS_SHOTS || '';
const E2E_RUN = process.env.E2E_RUN ?? '/tmp/ks-e2e/run';
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 60000);
const ONLY = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY) : undefined;
const CONTEXT = 'kubesight-e2e'; // test/e2e/api-server-main.ts
// The seeded Secret demo/db-credentials (test/cluster/api-server/seed.ts): DB_PASSWORD, plain and base64.
const SECRET_VALUE = 's3cr3t-Pa55';
const SECRET_BASE64 = Buffer.from(SECRET_VALUE).toString('base64');
fs.mkdirSync(SHOTS, { recursive: true });
if (DOCS_SHOTS) fs.mkdirSync(DOCS_SHOTS, { recursive: true });

const t0 = Date.now();
let csStarted = NaN;
try {
  csStarted = Number(fs.readFileSync(path.join(E2E_RUN, 'code-server.started-ms'), 'utf8'));
} catch {
  // timing only
}
const timings = {};
const mark = (name) => (timings[name] = Date.now() - t0);
const results = [];
let page; // set once the browser is up; step() screenshots failures with it
const text = (s) => String(s ?? '').replace(/\u00a0/g, ' ');

async function shot(name, docsName) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  if (DOCS_SHOTS && docsName) fs.copyFileSync(path.join(SHOTS, `${name}.png`), path.join(DOCS_SHOTS, `${docsName}.png`));
}

async function step(name, fn) {
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

const external = [];
page.on('request', (r) => {
  const u = r.url();
  if (!/^(https?:\/\/(127\.0\.0\.1|localhost)[:/]|data:|blob:|vscode-|about:)/.test(u)) external.push(u);
});

const editor = page.locator('.editor-instance .monaco-editor').first();
const exact = (s) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const explorerRow = (name) => page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact(name) }) });
const token = (word) => editor.locator('.view-line span span').filter({ hasText: exact(word) }).first();

async function openFile(name, contains) {
  // Clicking the activity-bar item of the view container that is showing would hide the side bar.
  if (!(await page.locator('.explorer-folders-view').isVisible())) await page.locator('.activitybar .action-item .action-label[aria-label^="Explorer"]').click();
  await explorerRow(name).click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  await editor.locator('.view-lines', { hasText: contains }).waitFor();
}

/** The editor's whole text. Monaco renders only the lines in view: page down and collect each line by its offset. */
async function editorText() {
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  const lines = new Map();
  for (let i = 0; i < 200; i++) {
    const visible = await editor.evaluate((root) => [...root.querySelectorAll('.view-lines .view-line')].map((l) => [parseFloat(l.style.top), l.textContent.replace(/\u00a0/g, ' ')]));
    const before = lines.size;
    for (const [top, t] of visible) lines.set(top, t);
    if (i > 0 && lines.size === before) break;
    await page.keyboard.press('PageDown');
    await page.waitForTimeout(100);
  }
  await page.keyboard.press('Control+Home');
  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t).join('\n');
}

/** Ctrl+Z (each press undoes one group of edits) until a line with `lineText` is back. */
async function undoUntil(lineText) {
  const line = editor.locator('.view-line', { hasText: lineText });
  for (let i = 0; i < 5 && !(await line.count()); i++) {
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(100);
  }
  await line.first().waitFor();
}

/** The Problems panel (opened by its status-bar item if closed). */
async function problems() {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.locator('#status\\.problems').click();
  await panel.waitFor();
  return panel;
}

async function suggestions() {
  const widget = page.locator('.editor-widget.suggest-widget.visible');
  await widget.locator('.monaco-list-row').first().waitFor();
  return { widget, labels: await widget.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label'))) };
}

await step('workbench loads with Kubesight installed', async () => {
  await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS)}`);
  await page.locator('.monaco-workbench').waitFor();
  await explorerRow('deployment.yaml').waitFor();
  await page.locator('.activitybar .action-item .action-label[aria-label="Kubesight"]').waitFor();
  mark('workbenchReady');
});

await step('diagnostics: squiggle and Problems entries in broken deployment.yaml', async () => {
  await openFile('deployment.yaml', 'imagePullPolcy');
  await editor.locator('.squiggly-error').first().waitFor();
  mark('firstDiagnosticVisible');
  if (!Number.isNaN(csStarted)) timings.codeServerStartToFirstDiagnostic = Date.now() - csStarted;
  await page.locator('#status\\.problems').click(); // opens the Problems panel
  const panel = page.locator('.markers-panel');
  const want = [
    ['schema', 'unknown field "spec.template.spec.containers[0].imagePullPolcy" (did you mean "imagePullPolicy"?)', 'Ln 20, Col 11'],
    ['selector-mismatch', '`selector` does not match template `labels`', 'Ln 15, Col 14'],
  ];
  const rows = [];
  for (const [rule, message, where] of want) {
    const row = panel.locator('.monaco-list-row', { hasText: message }).first();
    await row.waitFor();
    const t = text(await row.innerText()).replace(/\n/g, ' ');
    // innerText of a marker row: "<message> kubesight <rule> [Ln l, Col c]" (shown as kubesight(rule))
    if (!t.includes(`kubesight ${rule}`) || !t.includes(where)) throw new Error(`unexpected Problems row for ${rule}: ${t}`);
    rows.push(t);
  }
  const squiggles = await editor.locator('.squiggly-error').count();
  await page.waitForTimeout(300);
  await shot('1-diagnostics', 'diagnostics');
  await page.locator('#status\\.problems').click(); // close the panel again
  return { squiggles, rows };
});

await step('quick fix: Change to "imagePullPolicy" on the typo', async () => {
  if (!(await page.locator('.tabs-container .tab.active', { hasText: 'deployment.yaml' }).isVisible())) await openFile('deployment.yaml', 'imagePullPolcy');
  await editor.locator('.squiggly-error').first().waitFor();
  const before = await editor.locator('.squiggly-error').count();
  await token('imagePullPolcy').click();
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget');
  const fix = menu.locator('.monaco-list-row.action[aria-label="Change to \\"imagePullPolicy\\""]');
  await fix.waitFor();
  const actions = await menu.locator('.monaco-list-row.action').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
  if (!(await fix.getAttribute('class')).includes('focused')) throw new Error(`the typo fix is not the preferred (first) action: ${JSON.stringify(actions)}`);
  await page.waitForTimeout(300);
  await shot('1b-quick-fix');
  await page.keyboard.press('Enter');
  await editor.locator('.view-line', { hasText: 'imagePullPolicy: Always' }).waitFor();
  const body = text(await editor.locator('.view-lines').innerText());
  if (body.includes('imagePullPolcy')) throw new Error(`the typo is still there: ${body}`);
  // The server checked the new text: the typo's error squiggle is gone.
  const deadline = Date.now() + TIMEOUT;
  let after = before;
  while ((after = await editor.locator('.squiggly-error').count()) >= before) {
    if (Date.now() > deadline) throw new Error(`still ${after} error squiggles (before the fix: ${before})`);
    await page.waitForTimeout(250);
  }
  return { actions, squiggles: { before, after } };
});

await step('hover: schema description of spec.minReadySeconds', async () => {
  await openFile('app.yaml', 'minReadySeconds');
  await page.mouse.move(5, 5);
  await token('minReadySeconds').hover();
  const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents', { hasText: 'minReadySeconds' }).first();
  await hover.waitFor();
  const t = text(await hover.innerText()).trim();
  for (const part of ['spec.minReadySeconds', 'integer', 'Minimum number of seconds for which a newly created pod should be ready']) {
    if (!t.includes(part)) throw new Error(`hover lacks "${part}": ${t}`);
  }
  await page.waitForTimeout(300); // hover fade-in
  await shot('2-hover', 'hover');
  await page.mouse.move(5, 5);
  return { hover: t.split('\n')[0] };
});

await step('completion: schema keys inside spec: of a Deployment', async () => {
  await token('minReadySeconds').click();
  await page.keyboard.press('Home'); // to the first non-blank character
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Backspace'); // the line is now "  " inside spec:
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Space');
  const { labels } = await suggestions();
  for (const key of ['replicas', 'strategy', 'minReadySeconds']) {
    if (!labels.some((l) => l?.startsWith(`${key}, `))) throw new Error(`no "${key}" in ${JSON.stringify(labels)}`);
  }
  if (labels.some((l) => /^(selector|template), /.test(l ?? ''))) throw new Error(`keys already present are offered: ${labels}`);
  await page.waitForTimeout(300);
  await shot('3-completion', 'completion');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z'); // put the line back
  return { suggestions: labels.slice(0, 8) };
});

await step('completion: container keys on a new item of containers', async () => {
  await openFile('complete.yaml', 'new container');
  // Our server has parsed the file once the breadcrumbs (its document symbols) name the Deployment.
  await editor.locator('.view-line', { hasText: 'image: registry.example.com' }).click();
  await page.locator('.breadcrumbs-control', { hasText: 'Deployment api' }).first().waitFor();
  await editor.locator('.view-line', { hasText: '# new container' }).locator('span span').last().click();
  await page.keyboard.press('Home'); // to the `#`
  await page.keyboard.press('Shift+End');
  await page.keyboard.type('- '); // the comment becomes a new, empty item of containers
  await editor.locator('.view-line', { hasText: /^\s{8}-\s*$/ }).waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Space');
  const { labels } = await suggestions();
  for (const key of ['name', 'image', 'args', 'env', 'ports']) {
    if (!labels.some((l) => l?.startsWith(`${key}, `))) throw new Error(`no "${key}" in ${JSON.stringify(labels)}`);
  }
  if (!labels[0]?.startsWith('name, ')) throw new Error(`the required key "name" is not first: ${JSON.stringify(labels)}`);
  await page.waitForTimeout(300);
  await shot('3b-completion-container');
  await page.keyboard.press('Escape');
  await undoUntil('# new container');
  return { suggestions: labels.slice(0, 8) };
});

await step('completion: ConfigMap name from another file in configMapRef', async () => {
  const line = editor.locator('.view-line', { hasText: 'name: shop-config' });
  await line.locator('span span', { hasText: exact('name') }).click();
  await page.keyboard.press('End');
  for (let i = 0; i < 'shop-config'.length; i++) await page.keyboard.press('Backspace');
  await editor.locator('.view-line', { hasText: /^\s+name:\s*$/ }).waitFor();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Space');
  const { widget, labels } = await suggestions();
  const item = labels.find((l) => l?.startsWith('shop-config, '));
  if (!item) throw new Error(`no ConfigMap "shop-config" in ${JSON.stringify(labels)}`);
  // The focused proposal shows its detail: where the ConfigMap is defined.
  const focused = widget.locator('.monaco-list-row.focused');
  for (let i = 0; i < labels.length && !(await focused.innerText()).startsWith('shop-config'); i++) await page.keyboard.press('ArrowDown');
  const detail = text(await focused.innerText()).replace(/\n/g, ' ');
  if (detail !== 'shop-config ConfigMap in config.yaml') throw new Error(`the proposal does not say it comes from config.yaml: ${detail}`);
  await page.waitForTimeout(300);
  await shot('3c-completion-configmap');
  await page.keyboard.press('Enter');
  await editor.locator('.view-line', { hasText: 'name: shop-config' }).waitFor();
  return { item, detail, suggestions: labels.slice(0, 5) };
});

await step('snippet: k8s-deployment expands to a Deployment without errors', async () => {
  await openFile('scratch.yaml', 'e2e fixture');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('k8s-deploy', { delay: 20 });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Space');
  const { widget, labels } = await suggestions();
  const first = labels[0] ?? '';
  if (!first.startsWith('k8s-deployment, ')) throw new Error(`first suggestion is not the snippet: ${JSON.stringify(labels)}`);
  await widget.locator('.monaco-list-row.focused', { hasText: 'k8s-deployment' }).waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape'); // leave snippet mode (placeholders)
  await editor.locator('.view-lines', { hasText: 'livenessProbe' }).waitFor();
  const body = text(await editor.locator('.view-lines').innerText());
  for (const line of ['apiVersion: apps/v1', 'kind: Deployment', '  replicas: 2', '          image: registry.example.com/app:1.0.0', '              containerPort: 8080']) {
    if (!body.split('\n').includes(line)) throw new Error(`expanded text lacks "${line}": ${body}`);
  }
  // The breadcrumbs come from our server's document symbols: once they name the new Deployment the
  // server has parsed the expanded text; then give its diagnostics a moment to arrive.
  await page.locator('.breadcrumbs-control', { hasText: 'Deployment app' }).first().waitFor();
  await page.waitForTimeout(1500);
  const errors = await editor.locator('.squiggly-error').count();
  if (errors) throw new Error(`${errors} error squiggles after the snippet`);
  await shot('4-snippet');
  return { lines: body.split('\n').length };
});

await step('immutable field: editing the committed Job\'s image', async () => {
  await openFile('job.yaml', 'migrate-1-4-2');
  const image = 'image: registry.example.com/shop/api:1.4.2';
  await editor.locator('.view-line', { hasText: image }).locator('span span', { hasText: exact('image') }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('3'); // 1.4.2 -> 1.4.3, not saved: the server compares with git HEAD
  await editor.locator('.view-line', { hasText: 'api:1.4.3' }).waitFor();
  // The Problems panel lists every open file's entries (a long list, rendered only in part): filter it.
  const panel = await problems();
  const filter = page.locator('input[aria-label="Filter Problems"]');
  await filter.fill('job.yaml');
  try {
    const row = panel.locator('.monaco-list-row', { hasText: 'field is immutable' }).first();
    await row.waitFor();
    const t = text(await row.innerText()).replace(/\n/g, ' ');
    for (const part of ['spec.template: Invalid value:', 'field is immutable (compared with git HEAD)', 'kubesight immutable-field', 'Ln 14, Col 11']) {
      if (!t.includes(part)) throw new Error(`Problems row lacks "${part}": ${t}`);
    }
    await editor.locator('.squiggly-error').first().waitFor();
    await page.waitForTimeout(300);
    await shot('4b-immutable');
    // Undone, the file equals HEAD again and the entry goes away.
    await undoUntil(image);
    await row.waitFor({ state: 'detached' });
    return { row: t };
  } finally {
    await filter.fill('');
    if (await panel.isVisible()) await page.locator('#status\\.problems').click(); // close the panel
  }
});

await step('cluster view: context -> demo -> Workloads -> Deployments -> web 3/3 ready', async () => {
  await page.locator('.activitybar .action-item .action-label[aria-label="Kubesight"]').click();
  const container = page.locator('[id="workbench.view.extension.kubesight"]');
  await container.waitFor();
  const pane = container.locator('.pane', { has: page.locator('.pane-header[aria-label^="Clusters"]') });
  await pane.waitFor();
  const row = (label) => pane.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact(label) }) }).first();
  const contextRow = row(CONTEXT);
  await contextRow.waitFor();
  const ctxText = text(await contextRow.innerText());
  if (!/active · http:\/\/127\.0\.0\.1:\d+/.test(ctxText)) throw new Error(`context row: ${ctxText}`);
  for (const label of ['demo', 'Workloads', 'Deployments']) {
    const r = row(label);
    await r.waitFor();
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click(); // a click toggles a collapsed node
  }
  const web = row('web');
  await web.waitFor();
  await pane.locator('.monaco-list-row', { hasText: 'worker' }).first().waitFor();
  const webText = text(await web.innerText()).replace(/\n/g, ' ');
  if (!webText.includes('3/3 ready')) throw new Error(`web row: ${webText}`);
  const rows = (await pane.locator('.monaco-list-row').allInnerTexts()).map((r) => text(r).replace(/\n/g, ' ').trim());
  await page.mouse.move(5, 5);
  await page.waitForTimeout(300);
  await shot('5-cluster-view');
  return { rows };
});

/** The Clusters view of the Kubesight container (shown if hidden) and a row in it by its label. */
async function clusterPane() {
  const container = page.locator('[id="workbench.view.extension.kubesight"]');
  if (!(await container.isVisible())) await page.locator('.activitybar .action-item .action-label[aria-label="Kubesight"]').click();
  const pane = container.locator('.pane', { has: page.locator('.pane-header[aria-label^="Clusters"]') });
  await pane.waitFor();
  const row = (label) => pane.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact(label) }) }).first();
  const expand = async (...labels) => {
    for (const label of labels) {
      const r = row(label);
      await r.waitFor();
      if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click(); // a click toggles a collapsed node
    }
  };
  return { pane, row, expand };
}

await step('cluster view: Open YAML of Deployment web (read-only, no managedFields)', async () => {
  const { row, expand } = await clusterPane();
  await expand(CONTEXT, 'demo', 'Workloads', 'Deployments');
  await row('web').click(); // the item's command: kubesight.cluster.openYaml
  await page.locator('.tabs-container .tab.active', { hasText: 'web.yaml' }).waitFor();
  await editor.locator('.view-lines', { hasText: 'kind: Deployment' }).waitFor();
  const body = await editorText();
  const lines = body.split('\n');
  for (const line of ['apiVersion: apps/v1', 'kind: Deployment', '  name: web', '  namespace: demo', '          image: nginx:1.27.3']) {
    if (!lines.includes(line)) throw new Error(`the YAML lacks "${line}": ${body}`);
  }
  if (body.includes('managedFields')) throw new Error(`the YAML shows managedFields: ${body}`);
  // Read-only: typing is refused with VS Code's message and changes nothing.
  await editor.locator('.view-line', { hasText: 'kind: Deployment' }).click();
  await page.keyboard.type('x');
  await page.locator('.monaco-editor-overlaymessage', { hasText: 'Cannot edit in read-only editor' }).first().waitFor();
  if ((await editor.locator('.view-line', { hasText: 'kind: Deployment' }).innerText()).replace(/\u00a0/g, ' ') !== 'kind: Deployment') throw new Error('the live YAML was edited');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Home');
  await page.mouse.move(5, 5);
  await page.waitForTimeout(300);
  await shot('5b-open-yaml', 'cluster-view'); // the README's explorer picture: the tree and web's live YAML
  return { lines: lines.length, head: lines.slice(0, 4) };
});

await step('cluster view: Secret db-credentials opens with its values masked', async () => {
  const { row, expand } = await clusterPane();
  await expand(CONTEXT, 'demo', 'Config', 'Secrets');
  await row('db-credentials').click();
  await page.locator('.tabs-container .tab.active', { hasText: 'db-credentials.yaml' }).waitFor();
  await editor.locator('.view-lines', { hasText: 'kind: Secret' }).waitFor();
  const body = await editorText();
  const lines = body.split('\n');
  for (const line of ['kind: Secret', '  name: db-credentials', '  DB_PASSWORD: ••••••••', '  DB_USER: ••••••••', '    kubectl.kubernetes.io/last-applied-configuration: ••••••••']) {
    if (!lines.includes(line)) throw new Error(`the Secret view lacks "${line}": ${body}`);
  }
  for (const leak of [SECRET_VALUE, SECRET_BASE64, 'managedFields']) if (body.includes(leak)) throw new Error(`the Secret view shows "${leak}": ${body}`);
  // Nowhere in the page either (tree tooltips, hovers, hidden text areas).
  const html = await page.content();
  for (const leak of [SECRET_VALUE, SECRET_BASE64]) if (html.includes(leak)) throw new Error(`the page contains "${leak}"`);
  await page.mouse.move(5, 5);
  await page.waitForTimeout(300);
  await shot('5c-secret-masked');
  return { lines: lines.filter((l) => l.includes('••••••••')) };
});

// The live-status lens of each object in live.yaml: its `title` is the lens tooltip
// "<context>: <kind label>", and the editor line right below the lens must be that object's `kind:`.
async function lensesOf(labels) {
  return editor.evaluate((root, labels) => {
    const lines = [...root.querySelectorAll('.view-line')].map((l) => ({ top: l.getBoundingClientRect().top, text: l.textContent.replace(/\u00a0/g, ' ') }));
    return Object.fromEntries(
      labels.map((label) => {
        const title = [...root.querySelectorAll('.codelens-decoration [title]')].find((e) => e.getAttribute('title').endsWith(`: ${label}`));
        if (!title) return [label, undefined];
        const lens = title.closest('.codelens-decoration');
        const bottom = lens.getBoundingClientRect().bottom;
        const below = lines.filter((l) => l.top >= bottom - 2).sort((a, b) => a.top - b.top)[0];
        return [label, { text: lens.textContent.replace(/\u00a0/g, ' ').trim(), title: title.getAttribute('title'), lineBelow: below?.text.trim() }];
      }),
    );
  }, labels);
}

await step('live status: lenses above web, worker and a ConfigMap missing from the cluster', async () => {
  await openFile('live.yaml', 'feature-flags');
  await page.mouse.move(5, 5);
  const want = {
    'configmap/feature-flags': ['kind: ConfigMap', 'not in cluster'],
    'deployment.apps/web': ['kind: Deployment', '3/3 ready · 1 field differs'],
    'deployment.apps/worker': ['kind: Deployment', 'failed: CrashLoopBackOff'],
  };
  let lenses = {};
  const deadline = Date.now() + TIMEOUT;
  const good = () => Object.entries(want).every(([label, [kindLine, status]]) => lenses[label]?.text.split(' | ')[0] === status && lenses[label].lineBelow === kindLine);
  while (!good()) {
    if (Date.now() > deadline) throw new Error(`lenses: ${JSON.stringify(lenses)}`);
    await page.waitForTimeout(250);
    lenses = await lensesOf(Object.keys(want));
  }
  mark('liveLensesVisible');
  for (const [label, extra] of [['deployment.apps/web', ['diff', 'apply', 'logs']], ['deployment.apps/worker', ['logs']], ['configmap/feature-flags', ['apply']]]) {
    const parts = lenses[label].text.split(' | ');
    for (const e of extra) if (!parts.includes(e)) throw new Error(`${label} lens lacks "${e}": ${lenses[label].text}`);
  }
  // The drift mark at the end of web's image line (decoration `after` text, a CSS ::after content).
  const imageLine = editor.locator('.view-line', { hasText: 'image: nginx:1.28.0' });
  let drift = '';
  while (!drift.includes('live: nginx:1.27.3')) {
    if (Date.now() > deadline) throw new Error(`no drift mark on the image line: ${drift}`);
    drift = await imageLine.evaluate((l) => [...l.querySelectorAll('span')].map((s) => s.ownerDocument.defaultView.getComputedStyle(s, '::after').content).filter((c) => c && c !== 'none').join(' '));
    if (!drift.includes('live: nginx:1.27.3')) await page.waitForTimeout(250);
  }
  await page.waitForTimeout(300);
  await shot('6-live-status', 'live-status');
  return { lenses: Object.fromEntries(Object.entries(lenses).map(([k, v]) => [k, v.text])), drift };
});

await step('live status: hover on worker\'s kind line explains why it is not ready', async () => {
  // The `kind` key of the line right below worker's lens.
  const box = await editor.evaluate((root) => {
    const title = [...root.querySelectorAll('.codelens-decoration [title]')].find((e) => e.getAttribute('title').endsWith(': deployment.apps/worker'));
    const bottom = title.closest('.codelens-decoration').getBoundingClientRect().bottom;
    const line = [...root.querySelectorAll('.view-line')].filter((l) => l.getBoundingClientRect().top >= bottom - 2).sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
    const kind = [...line.querySelectorAll('span span')].find((s) => s.textContent === 'kind');
    const r = kind.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.move(5, 5);
  await page.mouse.move(box.x, box.y, { steps: 3 });
  const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents', { hasText: "Why isn't it ready?" }).first();
  await hover.waitFor();
  const t = text(await page.locator('.monaco-hover:not(.hidden)').first().innerText()).trim();
  for (const part of ["Why isn't it ready?", 'CrashLoopBackOff', 'Deployment worker']) {
    if (!t.includes(part)) throw new Error(`hover lacks "${part}": ${t}`);
  }
  await page.waitForTimeout(300);
  await shot('7-live-why');
  await page.mouse.move(5, 5);
  return { hover: t.split('\n').filter(Boolean).slice(0, 8) };
});

await step('no requests outside loopback', async () => {
  if (external.length) throw new Error(`non-loopback requests: ${external.slice(0, 5).join(', ')}`);
});

await browser.close();
timings.total = Date.now() - t0;
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
fs.writeFileSync(path.join(SHOTS, 'result.json'), JSON.stringify({ timings, results, external }, null, 2));
console.log('timings (ms):', JSON.stringify(timings));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
