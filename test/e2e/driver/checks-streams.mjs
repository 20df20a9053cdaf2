// The explorer's stream actions against the Kubernetes API test server: "Open Shell" on a pod of
// web opens a VS Code terminal over exec, a command typed there runs in the (simulated) container
// and its output comes back; "Show Events" on the demo namespace opens the events view with the
// seeded BackOff warning. The terminal's text is read from the page (terminalText).
import { page, step, shot, text } from './harness.mjs';
import { clusterPane, updateWorkspaceSettings } from './workbench.mjs';

const CONTEXT = 'kubesight-e2e';

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

export async function streamChecks() {
  await step('shell: Open Shell on a web pod runs a typed command in the container', async () => {
    updateWorkspaceSettings({ 'editor.accessibilitySupport': 'on' }); // xterm's accessibility tree holds the text
    await page.waitForTimeout(1000); // the settings file is watched
    const { row, expand } = await clusterPane();
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
    const { row, expand } = await clusterPane();
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
