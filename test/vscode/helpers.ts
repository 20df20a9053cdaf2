// What the extension-host suites share: the extension under test, the fixture workspace, waiting for
// Kubesight's diagnostics, settings changed for one test and put back, and small readers of results.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'kubesight.kubesight';

/** What `activate` returns: the handles the suites inspect (see client/src/extension.ts). */
export interface KubesightApi {
  readonly clusterTree: vscode.TreeDataProvider<unknown>;
  readonly clusterViewState: () => string;
}

export function extension(): vscode.Extension<KubesightApi> {
  const ext = vscode.extensions.getExtension<KubesightApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  return ext;
}

export async function api(): Promise<KubesightApi> {
  return extension().activate();
}

/** A file of the fixture workspace (examples/broken + test/e2e/workspace, copied by the runner). */
export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs a workspace folder (the runner opens the fixture workspace)');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** A diagnostic's code as a plain string (the client turns a code with a link into {value, target}). */
export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}

export function kubesightDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kubesight');
}

/** Resolves with the URI's Kubesight diagnostics once `done` accepts them; rejects after `ms`. */
export function waitForDiagnostics(uri: vscode.Uri, done: (ds: vscode.Diagnostic[]) => boolean, ms = 30_000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      sub.dispose();
      fn();
    };
    const check = () => {
      const ds = kubesightDiagnostics(uri);
      if (done(ds)) finish(() => resolve(ds));
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`no matching diagnostics on ${uri.toString()} after ${ms} ms; have: ${JSON.stringify(kubesightDiagnostics(uri).map((d) => `${codeOf(d)}: ${d.message}`))}`))),
      ms,
    );
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

/** `code` is a rule id, or `<family>/*` for any rule of a family (`schema/*`). */
export const hasCode = (code: string) => (ds: vscode.Diagnostic[]) => ds.some((d) => (code.endsWith('/*') ? codeOf(d).startsWith(code.slice(0, -1)) : codeOf(d) === code));

/** Resolves once `probe` returns a value (polled every 100 ms); rejects after `ms` with `what`. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not after ${ms} ms${last ? ` (${last instanceof Error ? last.message : String(last)})` : ''}`);
}

export async function openUntitled(content: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  await vscode.window.showTextDocument(doc);
  return doc;
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Sets a `kubesight.*` setting in the workspace for the duration of `fn`, then puts it back. */
export async function withSetting<T>(key: string, value: unknown, fn: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('kubesight');
  const before = config.inspect(key)?.workspaceValue;
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await fn();
  } finally {
    await vscode.workspace.getConfiguration('kubesight').update(key, before, vscode.ConfigurationTarget.Workspace);
  }
}

export function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
}

export function labelOf(item: vscode.CompletionItem | vscode.TreeItem): string {
  const l = item.label;
  return typeof l === 'string' ? l : l?.label ?? '';
}

export async function completionLabels(uri: vscode.Uri, at: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
  return list.items;
}

/** The position right after the first occurrence of `needle` on the line containing it. */
export function positionAfter(doc: vscode.TextDocument, needle: string): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" is not in ${doc.uri.toString()}`);
  return doc.positionAt(offset + needle.length);
}
