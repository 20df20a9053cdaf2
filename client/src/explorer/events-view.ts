// The events view: a webview table of a namespace's or an object's events (type, reason, object,
// age, count, message), sortable by clicking a column, filtered by a text box, and kept current
// by a watch until the panel closes. Rows travel as JSON and are rendered with textContent, so
// an event message can never become markup.
import { randomBytes } from 'node:crypto';
import { ViewColumn, window } from 'vscode';
import type { ClusterConnection } from '../cluster/connection';
import { followEvents, sortAndFilter, type EventScope } from '../cluster/events';
import { reportError } from './ui';

export const EVENTS_VIEW_TYPE = 'kubesight.events';

export function openEventsView(conn: ClusterConnection, scope: EventScope, title: string): void {
  const panel = window.createWebviewPanel(EVENTS_VIEW_TYPE, title, ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: true });
  const nonce = randomBytes(16).toString('base64');
  panel.webview.html = eventsHtml(nonce, panel.webview.cspSource, title);
  const controller = new AbortController();
  panel.onDidDispose(() => controller.abort());
  followEvents(conn, scope, (rows) => void panel.webview.postMessage({ rows: sortAndFilter(rows) }), controller.signal).catch((e: unknown) => {
    if (!controller.signal.aborted) void reportError(e, 'Events');
  });
}

function eventsHtml(nonce: string, cspSource: string, title: string): string {
  const escaped = title.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<style nonce="${nonce}">
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
table { border-collapse: collapse; width: 100%; } th { cursor: pointer; text-align: left; user-select: none; }
th, td { padding: 2px 8px; border-bottom: 1px solid var(--vscode-panel-border); vertical-align: top; }
tr.Warning td:first-child { color: var(--vscode-editorWarning-foreground); font-weight: bold; }
input { width: 40%; margin: 4px 0 8px; background: var(--vscode-input-background); color: var(--vscode-input-foreground); border: 1px solid var(--vscode-input-border, transparent); }
</style></head>
<body><h3>${escaped}</h3>
<input id="filter" placeholder="Filter (type, reason, object, message)" aria-label="Filter events">
<span id="count"></span>
<table><thead><tr><th data-key="type">Type</th><th data-key="reason">Reason</th><th data-key="object">Object</th><th data-key="last">Age</th><th data-key="count">Count</th><th data-key="message">Message</th></tr></thead><tbody id="rows"></tbody></table>
<script nonce="${nonce}">
let rows = []; let sortKey = 'last'; let descending = true;
const body = document.getElementById('rows'); const filter = document.getElementById('filter');
function render() {
  const needle = filter.value.trim().toLowerCase();
  const shown = rows.filter((r) => !needle || [r.type, r.reason, r.object, r.message].some((v) => v.toLowerCase().includes(needle)));
  shown.sort((a, b) => { const x = a[sortKey], y = b[sortKey]; const c = typeof x === 'number' ? x - y : String(x).localeCompare(String(y)); return descending ? -c : c; });
  body.replaceChildren(...shown.map((r) => { const tr = document.createElement('tr'); tr.className = r.type; for (const v of [r.type, r.reason, r.object, r.age, String(r.count), r.message]) { const td = document.createElement('td'); td.textContent = v; tr.appendChild(td); } return tr; }));
  document.getElementById('count').textContent = shown.length + ' of ' + rows.length + ' events';
}
for (const th of document.querySelectorAll('th')) th.addEventListener('click', () => { const key = th.dataset.key; descending = key === sortKey ? !descending : key === 'last' || key === 'count'; sortKey = key; render(); });
filter.addEventListener('input', render);
window.addEventListener('message', (e) => { rows = e.data.rows; render(); });
</script></body></html>`;
}
