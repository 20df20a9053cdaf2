// The checks against the Kubernetes API test server, in the order they run: the Clusters view
// (context -> demo -> Workloads -> Deployments -> web), Open YAML of web (read-only, no
// managedFields), the Secret db-credentials masked, and live status in live.yaml (the lenses above
// each object, the drift mark, the "Why isn't it ready?" hover).
import { page, step, shot, mark, text, TIMEOUT } from './harness.mjs';
import { clusterPane, editor, exact, openFile, editorText } from './workbench.mjs';

const CONTEXT = 'kubesight-e2e'; // test/e2e/api-server-main.ts
// The seeded Secret demo/db-credentials (test/cluster/api-server/seed.ts): DB_PASSWORD, plain and base64.
const SECRET_VALUE = 's3cr3t-Pa55';
const SECRET_BASE64 = Buffer.from(SECRET_VALUE).toString('base64');

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

export async function clusterChecks() {
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
}
