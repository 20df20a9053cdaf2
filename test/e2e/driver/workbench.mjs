// Locators and actions in the VS Code workbench: the active editor, explorer rows, a token by its
// text, opening a file, reading an editor's whole text, undo, the Problems panel, the suggest
// widget, the Clusters view and the workspace's settings file. They act on harness.mjs's `page`; call locateEditor() once the browser is up.
import fs from 'node:fs';
import path from 'node:path';
import { page, WS } from './harness.mjs';

export let editor; // the active text editor (set by locateEditor)

export function locateEditor() {
  editor = page.locator('.editor-instance .monaco-editor').first();
}

export const exact = (s) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
export const explorerRow = (name) => page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact(name) }) });
export const token = (word) => editor.locator('.view-line span span').filter({ hasText: exact(word) }).first();

export async function openFile(name, contains) {
  // Clicking the activity-bar item of the view container that is showing would hide the side bar.
  if (!(await page.locator('.explorer-folders-view').isVisible())) await page.locator('.activitybar .action-item .action-label[aria-label^="Explorer"]').click();
  await explorerRow(name).click();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  await editor.locator('.view-lines', { hasText: contains }).waitFor();
}

/** The editor's whole text. Monaco renders only the lines in view: page down and collect each line by its offset. */
export async function editorText() {
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
export async function undoUntil(lineText) {
  const line = editor.locator('.view-line', { hasText: lineText });
  for (let i = 0; i < 5 && !(await line.count()); i++) {
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(100);
  }
  await line.first().waitFor();
}

/** The Problems panel (opened by its status-bar item if closed). */
export async function problems() {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.locator('#status\\.problems').click();
  await panel.waitFor();
  return panel;
}

export async function suggestions() {
  const widget = page.locator('.editor-widget.suggest-widget.visible');
  await widget.locator('.monaco-list-row').first().waitFor();
  return { widget, labels: await widget.locator('.monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label'))) };
}

/** The Clusters view of the Kubesight container (shown if hidden), a row by its label (text or RegExp), and expanding a path of rows. */
export async function clusterPane() {
  const container = page.locator('[id="workbench.view.extension.kubesight"]');
  if (!(await container.isVisible())) await page.locator('.activitybar .action-item .action-label[aria-label="Kubesight"]').click();
  const pane = container.locator('.pane', { has: page.locator('.pane-header[aria-label^="Clusters"]') });
  await pane.waitFor();
  const row = (label) => pane.locator('.monaco-list-row').filter({ has: page.locator('.label-name', { hasText: label instanceof RegExp ? label : exact(label) }) }).first();
  const expand = async (...labels) => {
    for (const label of labels) {
      const r = row(label);
      await r.waitFor();
      if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click(); // a click toggles a collapsed node
    }
  };
  return { pane, row, expand };
}

/** The workspace's .vscode/settings.json as an object ({} when there is none). */
export const WORKSPACE_SETTINGS = path.join(WS, '.vscode', 'settings.json');
export function workspaceSettings() {
  return fs.existsSync(WORKSPACE_SETTINGS) ? JSON.parse(fs.readFileSync(WORKSPACE_SETTINGS, 'utf8')) : {};
}

/** Writes `patch` over the workspace's settings file, as a user editing it would (VS Code watches it). */
export function updateWorkspaceSettings(patch) {
  fs.mkdirSync(path.dirname(WORKSPACE_SETTINGS), { recursive: true });
  fs.writeFileSync(WORKSPACE_SETTINGS, JSON.stringify({ ...workspaceSettings(), ...patch }, null, 2));
}
