import type { FileResult } from '../check';
import { locate, SEVERITY_NAMES } from './positions';

/** `[{filePath, messages: [{ruleId, severity, message, line, column, endLine, endColumn}]}]` (product.md §3). */
export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify(
    results.map((r) => ({
      filePath: r.filePath,
      messages: r.findings.map((f) => ({ ruleId: f.ruleId, severity: SEVERITY_NAMES[f.severity], message: f.message, ...locate(r.lines, f) })),
    })),
    null,
    2,
  );
}
