// The explorer's stream actions against the Kubernetes API test server: "Open Shell" on a pod of
// web opens a VS Code terminal over exec, a command typed there runs in the (simulated) container
// and its output comes back; "Show Events" on the demo namespace opens the events view with the
// seeded BackOff warning. The terminal's text is read through VS Code's own Select All and Copy
// Selection (the renderer may draw on a canvas), from the page's clipboard.
import { page, step, shot, text } from './harness.mjs';
import { exact } from './workbench.mjs';

const CONTEXT = 'kubesight-e2e';

async function clusterRows() {
  const container = page.locator('[id="workbench.view.extension.kubesight"]');
  if (!(await container.isVisible())) await page.locator('.activitybar .action-item .action-label[aria-label="Kubesight"]').click();
  const pane = container.locator('.pane', { has: page.locator('.pane-header[aria-label^="Clusters"]') });
  await pane.waitFor();
  const row = (label) => pane.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label instanceof RegExp ? label : exact(label) }) }).first();
  const expand = async (...labels) => {
    for (const label of labels) {
      const r = row(label);
      await r.waitFor();
      if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
    }
  };
  return { row, expand };
}

async function contextMenu(row, action) {
  await row.click({ button: 'right' });
  await page.locator('.monaco-menu .action-item', { hasText: action }).first().click();
}

async function palette(command) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${command}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: command }).first().click();
}

export async function streamChecks() {
  await step('shell: Open Shell on a web pod runs a typed command in the container', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    const { row, expand } = await clusterRows();
    await expand(CONTEXT, 'demo', 'Workloads', 'Pods');
    await contextMenu(row(/^web-7d9f8b6c5d-/), 'Open Shell');
    const terminal = page.locator('.terminal-wrapper.active .xterm');
    await terminal.waitFor();
    await page.waitForTimeout(1500); // the exec connects and the shell prints its prompt
    await terminal.click();
    await page.keyboard.type('echo kubesight-shell-ok');
    await page.keyboard.press('Enter');
    // The output is a line of its own, without the `echo` of the typed command line.
    const outputLines = (t) => t.split('\n').filter((l) => l.includes('kubesight-shell-ok') && !l.includes('echo'));
    let seen = '';
    for (let i = 0; i < 20 && !outputLines(seen).length; i++) {
      await page.waitForTimeout(500);
      await palette('Terminal: Select All');
      await palette('Terminal: Copy Selection');
      seen = text(await page.evaluate(() => globalThis.navigator.clipboard.readText()));
    }
    const output = outputLines(seen);
    if (!output.length) throw new Error(`no output line in the terminal: ${JSON.stringify(seen.slice(-300))}`);
    await shot('shell');
    return { output: output[0].trim() };
  });

  await step('events: Show Events on the demo namespace lists the BackOff warning', async () => {
    const { row, expand } = await clusterRows();
    await expand(CONTEXT);
    await contextMenu(row('demo'), 'Show Events');
    const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const backOff = view.locator('tr', { hasText: 'BackOff' }).first();
    await backOff.waitFor();
    const cells = text(await backOff.innerText()).replace(/\s+/g, ' ');
    if (!/Warning/.test(cells) || !/worker-7d9f8b6c5d-zzzzz/.test(cells)) throw new Error(`row: ${cells}`);
    await shot('events');
    return { row: cells.slice(0, 160) };
  });
}
