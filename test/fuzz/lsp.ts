// Drives one fuzz case through a running language server the way an editor does: open the mutated
// file, type a few edits (incremental ranges, sometimes a whole-text change), ask for completion,
// hover, code actions, symbols, definition and references at random (sometimes stale) positions,
// wait for the diagnostics of the last version, ask for the code actions of those diagnostics,
// close. Every request must be answered within `limitMs`; the server must log nothing as an error.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FuzzServer, ServerProblem } from './lsp-client';
import { randomEdit, type FuzzCase, type Rng } from './mutations';

export interface LspCaseResult {
  requests: number;
  slowest: { method: string; ms: number };
  /** Last edit → its diagnostics (undefined: none arrived). */
  diagnosticsMs: number | undefined;
  problems: ServerProblem[];
}

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  code?: string;
}

const DIAGNOSTICS_TIMEOUT_MS = 5000;

/** A position in `doc`, now and then past its end (an editor's request can be stale). */
function randomPosition(doc: TextDocument, r: Rng) {
  if (r(20) === 0) return { line: doc.lineCount + r(5), character: r(3) === 0 ? 1_000_000 : r(40) };
  if (r(20) === 0) return { line: r(doc.lineCount), character: 10_000 + r(100) };
  return doc.positionAt(r(doc.getText().length + 1));
}

export async function runLspCase(server: FuzzServer, c: FuzzCase, limitMs = 1000): Promise<LspCaseResult> {
  const { r } = c;
  const uri = `file:///fuzz/case-${c.index}.yaml`;
  const result: LspCaseResult = { requests: 0, slowest: { method: '', ms: 0 }, diagnosticsMs: undefined, problems: [] };
  const ask = async <T>(method: string, params: unknown): Promise<T | undefined> => {
    result.requests++;
    try {
      const { result: value, ms } = await server.request<T>(method, params);
      if (ms > result.slowest.ms) result.slowest = { method, ms };
      return value;
    } catch {
      return undefined; // recorded by the client as a problem
    }
  };
  let doc = TextDocument.create(uri, 'yaml', 1, c.text);
  // Diagnostics may arrive while requests are in flight: keep each version's.
  const published = new Map<number, { diagnostics: Diagnostic[]; at: number }>();
  const unlisten = server.listen((method, params) => {
    const p = params as { uri: string; version?: number; diagnostics: Diagnostic[] };
    if (method === 'textDocument/publishDiagnostics' && p.uri === uri && p.version !== undefined) published.set(p.version, { diagnostics: p.diagnostics, at: performance.now() });
  });
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: c.text } });

  const rounds = 1 + r(3);
  let lastChange = performance.now();
  for (let round = 0; round < rounds && !server.exited; round++) {
    // A burst of edits, as typed.
    for (let k = 0, n = 1 + r(4); k < n; k++) {
      const text = doc.getText();
      const edit = randomEdit(text, r);
      const change = r(10) === 0 ? { text: text.slice(0, edit.start) + edit.insert + text.slice(edit.end) } : { range: { start: doc.positionAt(edit.start), end: doc.positionAt(edit.end) }, text: edit.insert };
      doc = TextDocument.update(doc, [change], doc.version + 1);
      lastChange = performance.now();
      server.notify('textDocument/didChange', { textDocument: { uri, version: doc.version }, contentChanges: [change] });
    }
    // Then what an editor asks while the user looks around (all in flight at once, like an editor).
    const td = { uri };
    const a = randomPosition(doc, r);
    const b = randomPosition(doc, r);
    const [start, end] = a.line < b.line || (a.line === b.line && a.character <= b.character) ? [a, b] : [b, a];
    await Promise.all([
      ask('textDocument/completion', { textDocument: td, position: randomPosition(doc, r), context: { triggerKind: 1 + r(2), triggerCharacter: [' ', ':', '-'][r(3)] } }),
      ask('textDocument/hover', { textDocument: td, position: randomPosition(doc, r) }),
      ask('textDocument/codeAction', { textDocument: td, range: { start, end }, context: { diagnostics: [] } }),
      ask('textDocument/documentSymbol', { textDocument: td }),
      ask('textDocument/definition', { textDocument: td, position: randomPosition(doc, r) }),
      ask('textDocument/references', { textDocument: td, position: randomPosition(doc, r), context: { includeDeclaration: r(2) === 0 } }),
    ]);
  }

  // The diagnostics of the last version, then the code actions offered for them.
  const version = doc.version;
  if (!published.has(version)) await server.waitFor<{ uri: string; version?: number }>('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === version, DIAGNOSTICS_TIMEOUT_MS);
  unlisten();
  const last = published.get(version);
  if (last) {
    result.diagnosticsMs = last.at - lastChange;
    const { diagnostics } = last;
    for (let k = 0; k < Math.min(3, diagnostics.length); k++) {
      const d = diagnostics[r(diagnostics.length)];
      await ask('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    }
  } else result.problems.push({ kind: 'timeout', detail: `no diagnostics for version ${version} within ${DIAGNOSTICS_TIMEOUT_MS} ms` });
  server.notify('textDocument/didClose', { textDocument: { uri } });
  result.problems.push(...server.takeProblems());
  if (result.slowest.ms > limitMs) result.problems.push({ kind: 'timeout', detail: `${result.slowest.method} answered after ${result.slowest.ms.toFixed(0)} ms (limit ${limitMs} ms)` });
  return result;
}

/** The server still works: a fresh document gets diagnostics, hover and completion. */
export async function stillAnswers(server: FuzzServer): Promise<string | undefined> {
  if (server.exited) return 'the server has exited';
  const uri = 'file:///fuzz/after.yaml';
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after\n  namespace: UPPER\ndata:\n  a: "1"\n';
  const diagnostics = server.waitFor<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (p) => p.uri === uri, DIAGNOSTICS_TIMEOUT_MS);
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  try {
    const published = await diagnostics;
    if (!published) return 'no diagnostics for a new document';
    if (!published.diagnostics.some((d) => /namespace|UPPER/.test(d.message))) return `unexpected diagnostics: ${JSON.stringify(published.diagnostics)}`;
    const hover = await server.request<{ contents: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } });
    if (!hover.result) return 'no hover on `kind`';
    const completion = await server.request<unknown[] | { items: unknown[] }>('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 2 } });
    const items = Array.isArray(completion.result) ? completion.result : completion.result?.items;
    if (!items?.length) return 'no completion under metadata';
    return undefined;
  } catch (e) {
    return (e as Error).message;
  } finally {
    server.notify('textDocument/didClose', { textDocument: { uri } });
  }
}
