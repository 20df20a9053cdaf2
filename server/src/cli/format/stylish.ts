import type { FileResult } from '../check';
import { locate } from './positions';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' } as const;
const NAMES = { error: 'error', warning: 'warning', info: 'info', hint: 'hint' } as const;

/** ESLint's "stylish" layout: a block per file with problems, then a summary line. */
export function formatStylish(results: readonly FileResult[], color: boolean): string {
  const paint = (code: string, text: string) => (color ? `${code}${text}\x1b[0m` : text);
  const out: string[] = [];
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const r of results) {
    if (r.findings.length === 0) continue;
    out.push(paint('\x1b[4m', r.filePath));
    const rows = r.findings.map((f) => {
      counts[f.severity]++;
      const at = locate(r.lines, f);
      return [`${at.line}:${at.column}`, f.severity, f.message, f.ruleId] as const;
    });
    const width = Math.max(...rows.map((row) => row[0].length));
    for (const [pos, severity, message, rule] of rows) {
      out.push(`  ${pos.padEnd(width)}  ${paint(COLORS[severity], NAMES[severity].padEnd(7))}  ${message}  ${paint('\x1b[2m', rule)}`);
    }
    out.push('');
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  if (total === 0) {
    out.push(`✔ ${results.length} file${results.length === 1 ? '' : 's'} checked, no problems`);
  } else {
    const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${counts.error} error${counts.error === 1 ? '' : 's'}, ${counts.warning} warning${counts.warning === 1 ? '' : 's'}, ${counts.info + counts.hint} info) in ${results.length} file${results.length === 1 ? '' : 's'}`;
    out.push(paint(counts.error ? COLORS.error : COLORS.warning, summary));
  }
  return out.join('\n');
}
