// "Edit Decoded…" on a Secret: its values as plain text in a webview editor, applied on save after a
// server-side dry run and a confirmation naming the keys that change (cluster/secret-edit.ts).
// A webview, not a text document: VS Code backs up dirty text documents (of any scheme) to its
// user-data folder, and these values must never be written to disk. The text lives in the panel
// and in this closure only; the panel keeps no state across reloads (no setState, no serializer),
// and its title and any URI carry the Secret's name only.
import { randomBytes } from 'node:crypto';
import { commands, ViewColumn, window, type Disposable } from 'vscode';
import type { ExplorerNode } from '../cluster/explorer-model';
import { applySecretEdit, decodedSecretText, secretEditOf, SecretEditError } from '../cluster/secret-edit';
import { resourcePath, SECRET } from '../cluster/kinds';
import type { ClusterState } from './cluster-state';
import { confirmWrite, reportError } from './ui';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type SecretNode = Extract<ExplorerNode, { type: 'object' }>;

export function registerSecretEditor(state: ClusterState): Disposable[] {
  return [commands.registerCommand('kubesight.cluster.editSecretDecoded', (n: SecretNode) => openSecretEditor(state, n).catch((e: unknown) => reportError(e, 'Edit Secret')))];
}

async function openSecretEditor(state: ClusterState, n: SecretNode): Promise<void> {
  state.policy.assertWritable(n.context);
  const conn = state.connect(n.context);
  const path = resourcePath(SECRET, n.objectNamespace, n.name);
  let live = await conn.request<Obj>({ path });
  const panel = window.createWebviewPanel('kubesight.secretEditor', `secret/${n.name} (decoded, ${n.context})`, ViewColumn.Active, { enableScripts: true });
  const nonce = randomBytes(16).toString('base64');
  panel.webview.html = editorHtml(nonce, panel.webview.cspSource, decodedSecretText(live));
  panel.webview.onDidReceiveMessage(async (m: { type?: string; text?: string }) => {
    if (m.type !== 'save' || typeof m.text !== 'string') return;
    try {
      const changes = await applySecretEdit(conn, live, secretEditOf(m.text, live), state.policy, confirmWrite);
      if (!changes) return void panel.webview.postMessage({ type: 'status', text: 'Nothing applied.' });
      live = await conn.request<Obj>({ path });
      await panel.webview.postMessage({ type: 'saved', text: decodedSecretText(live), status: `Applied: ${changes.join(', ')}.` });
    } catch (e) {
      // SecretEditError messages never hold a value; other errors are reported the usual way.
      if (e instanceof SecretEditError) await panel.webview.postMessage({ type: 'status', text: `Not applied: ${e.message}` });
      else await reportError(e, 'Edit Secret');
    }
  });
}

function editorHtml(nonce: string, cspSource: string, text: string): string {
  const escape = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
textarea { width: 100%; height: 60vh; font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); }
button { margin-top: 8px; background: var(--vscode-button-background); color: var(--vscode-button-foreground); border: none; padding: 4px 12px; cursor: pointer; }
</style></head>
<body>
<textarea id="text" spellcheck="false" aria-label="Secret, values decoded">${escape(text)}</textarea>
<div><button id="save">Dry Run and Apply…</button> <span id="status" role="status"></span></div>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const text = document.getElementById('text');
const status = document.getElementById('status');
document.getElementById('save').addEventListener('click', () => { status.textContent = 'Dry run…'; vscode.postMessage({ type: 'save', text: text.value }); });
window.addEventListener('message', (e) => {
  const m = e.data;
  if (m.type === 'saved') { text.value = m.text; status.textContent = m.status; }
  if (m.type === 'status') status.textContent = m.text;
});
</script></body></html>`;
}
