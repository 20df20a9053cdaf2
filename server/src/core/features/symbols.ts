import type { ParsedFile } from '../model/parse';
import { rangeOfPath } from '../model/path';
import { resourcesOfFile } from '../model/resource';

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
