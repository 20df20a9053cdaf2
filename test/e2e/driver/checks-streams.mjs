// The explorer's stream actions against the Kubernetes API test server: "Open Shell" on a pod of
// web opens a VS Code terminal over exec, a command typed there runs in the (simulated) container
// and its output comes back; "Show Events" on the demo namespace opens the events view with the
// seeded BackOff warning. The terminal's text is read from the page (terminalText).
import fs from 'node:fs';
import path from 'node:path';
import { page, step, shot, text, WS } from './harness.mjs';
import { exact } from './workbench.mjs';

const CONTEXT = 'kubesight-e2e';
const SETTINGS = path.join(WS, '.vscode', 'settings.json');

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

/**
 * The terminal's text. The renderer may draw on a canvas, so the text is read from xterm's
 * accessibility tree (screen-reader mode, turned on in the workspace settings for this check), or
 * from the DOM renderer's rows.
 */
async function terminalText(terminal) {
  const tree = text(await terminal.locator('.xterm-accessibility-tree').innerText().catch(() => ''));
  if (tree.trim()) return tree;
  return text(await terminal.locator('.xterm-rows').innerText().catch(() => ''));
}

function screenReaderMode() {
  const before = fs.existsSync(SETTINGS) ? JSON.parse(fs.readFileSync(SETTINGS, 'utf8')) : {};
  fs.mkdirSync(path.dirname(SETTINGS), { recursive: true });
  fs.writeFileSync(SETTINGS, JSON.stringify({ ...before, 'editor.accessibilitySupport': 'on' }, null, 2));
}

export async function streamChecks() {
  await step('shell: Open Shell on a web pod runs a typed command in the container', async () => {
    screenReaderMode();
    await page.waitForTimeout(1000); // the settings file is watched
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
      seen = await terminalText(terminal);
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
