import type { Finding } from '../findings';
import type { LineIndex } from '../model/line-index';

/**
 * Inline suppressions: `# kubesight-disable-next-line id[, id]` and `# kubesight-disable-file id`.
 * Without ids, every rule is disabled for that line or file.
 */
interface Suppressions {
  file: Set<string> | 'all' | undefined;
  lines: Map<number, Set<string> | 'all'>;
}

const DIRECTIVE = /#\s*kubesight-disable-(next-line|file)\b([^\n]*)/g;

export function parseSuppressions(text: string, lines: LineIndex): Suppressions {
  const result: Suppressions = { file: undefined, lines: new Map() };
  if (!text.includes('kubesight-disable')) return result;
  for (const match of text.matchAll(DIRECTIVE)) {
    const ids = match[2].split(/[,\s]+/).map((s) => s.trim()).filter((s) => /^[a-z0-9-]+$/.test(s));
    const scope: Set<string> | 'all' = ids.length ? new Set(ids) : 'all';
    if (match[1] === 'file') result.file = merge(result.file, scope);
    else {
      const line = lines.positionAt(match.index ?? 0).line + 1;
      result.lines.set(line, merge(result.lines.get(line), scope));
    }
  }
  return result;
}

function merge(a: Set<string> | 'all' | undefined, b: Set<string> | 'all'): Set<string> | 'all' {
  if (a === 'all' || b === 'all') return 'all';
  return a ? new Set([...a, ...b]) : b;
}

function covers(scope: Set<string> | 'all' | undefined, ruleId: string): boolean {
  return scope === 'all' || (scope !== undefined && scope.has(ruleId));
}

export function applySuppressions(findings: Finding[], text: string, lines: LineIndex): Finding[] {
  const s = parseSuppressions(text, lines);
  if (!s.file && s.lines.size === 0) return findings;
  return findings.filter((f) => !covers(s.file, f.ruleId) && !covers(s.lines.get(lines.positionAt(f.start).line), f.ruleId));
}
