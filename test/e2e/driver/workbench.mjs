// Locators and actions in the VS Code workbench: the active editor, explorer rows, a token by its
// text, opening a file, reading an editor's whole text, undo, the Problems panel and the suggest
// widget. They act on harness.mjs's `page`; call locateEditor() once the browser is up.
import { page } from './harness.mjs';

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
