import type { ParsedFile } from '../model/parse';
import { rangeOfPath } from '../model/path';
import { resourcesOfFile } from '../model/resource';
import type { Workspace } from '../workspace/workspace';

export interface DocumentSymbolEntry {
  /** `Kind name`, e.g. `Deployment web`. */
  name: string;
  kind: string;
  detail: string;
  start: number;
  end: number;
  selectionStart: number;
  selectionEnd: number;
}

/** One symbol per Kubernetes object of the file. */
export function documentSymbols(file: ParsedFile): DocumentSymbolEntry[] {
  return resourcesOfFile(file).map((r) => {
    const range = r.node.range ?? [r.document.start, r.document.end];
    const selection = rangeOfPath(r.node, ['metadata', 'name'], 'value') ?? rangeOfPath(r.node, ['kind'], 'value') ?? [range[0], range[0]];
    const start = Math.min(range[0], selection[0]);
    const end = Math.max(range[1], selection[1]);
    return {
      name: `${r.kind} ${r.name ?? '(unnamed)'}`,
      kind: r.kind,
      detail: [r.apiVersion, r.namespace].filter(Boolean).join(' · '),
      start,
      end,
      selectionStart: selection[0],
      selectionEnd: selection[1],
    };
  });
}

export interface WorkspaceSymbolEntry {
  name: string;
  detail: string;
  uri: string;
  start: number;
  end: number;
}

/** Every object of the workspace whose `Kind name` contains the query (case-insensitive). */
export function workspaceSymbols(workspace: Workspace, query: string, limit = 500): WorkspaceSymbolEntry[] {
  const q = query.toLowerCase();
  const out: WorkspaceSymbolEntry[] = [];
  const seen = new Set<unknown>();
  for (const o of [...workspace.index.objects, ...workspace.index.patches]) {
    // A generated object is indexed in two namespaces (build-tools.ts) but is one symbol.
    if (seen.has(o.resource.node)) continue;
    seen.add(o.resource.node);
    const name = `${o.kind} ${o.name}`;
    if (q && !name.toLowerCase().includes(q)) continue;
    const range = rangeOfPath(o.resource.node, ['metadata', 'name'], 'value') ?? [o.resource.document.start, o.resource.document.start];
    out.push({ name, detail: o.namespace, uri: o.uri, start: range[0], end: range[1] });
    if (out.length >= limit) break;
  }
  return out;
}
