import type { Finding } from '../../core/findings';
import type { LineIndex } from '../../core/model/line-index';

export interface Located {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** 1-based lines and columns, end column exclusive (product.md §3). */
export function locate(lines: LineIndex, finding: Finding): Located {
  const start = lines.positionAt(finding.start);
  const end = lines.positionAt(Math.max(finding.end, finding.start));
  return { line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
}

export const SEVERITY_NAMES = { error: 'error', warning: 'warning', info: 'information', hint: 'hint' } as const;
