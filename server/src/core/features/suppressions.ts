import type { Finding } from '../findings';
import type { LineIndex } from '../model/line-index';

/**
 * Inline suppressions: `# kubesight-disable-next-line id[, id]` and `# kubesight-disable-file id`.
 * Without ids, every rule is disabled for that line or file. Text after ` -- ` is a reason, not ids
 * (as in ESLint).
 */
export interface Directive {
  /** 'unknown': a comment that looks like a directive but is none (`kubesight-disable-line`); it disables nothing. */
  kind: 'next-line' | 'file' | 'unknown';
  /** The directive word as written, e.g. `kubesight-disable-next-line`. */
  name: string;
  /** Offsets of the comment's directive word and ids, for findings about the comment. */
  start: number;
  end: number;
  /** The line the directive covers (next-line only). */
  line: number;
  /** Empty: every rule. */
  ids: { id: string; start: number; end: number }[];
}

export interface DirectiveUse {
  directive: Directive;
  /** Rule ids of the findings it suppressed. */
  suppressed: Set<string>;
}

const DIRECTIVE = /#\s*(kubesight-(?:disable|enable)[A-Za-z0-9-]*)([^\n]*)/g;
const KINDS: Record<string, Directive['kind'] | undefined> = { 'kubesight-disable-next-line': 'next-line', 'kubesight-disable-file': 'file' };

export function parseDirectives(text: string, lines: LineIndex): Directive[] {
  if (!text.includes('kubesight-')) return [];
  const out: Directive[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const at = (match.index ?? 0) + match[0].indexOf(match[1]);
    const name = match[1];
    const kind = KINDS[name] ?? 'unknown';
    const idsAt = at + name.length;
    const list = kind === 'unknown' ? '' : match[2].split(/\s--\s|\s--$/)[0];
    const ids = [...list.matchAll(/[^,\s]+/g)].filter((m) => /^[a-z0-9-]+$/.test(m[0])).map((m) => ({ id: m[0], start: idsAt + (m.index ?? 0), end: idsAt + (m.index ?? 0) + m[0].length }));
    out.push({ kind, name, start: at, end: idsAt + list.trimEnd().length, line: lines.positionAt(at).line + 1, ids });
  }
  return out;
}

function covers(directive: Directive, finding: Finding, lines: LineIndex): boolean {
  if (directive.kind === 'unknown') return false;
  if (directive.kind === 'next-line' && lines.positionAt(finding.start).line !== directive.line) return false;
  return directive.ids.length === 0 || directive.ids.some((i) => i.id === finding.ruleId);
}

/** The findings no directive covers, and what each directive suppressed. */
export function suppress(findings: Finding[], text: string, lines: LineIndex): { kept: Finding[]; uses: DirectiveUse[] } {
  const uses = parseDirectives(text, lines).map((directive) => ({ directive, suppressed: new Set<string>() }));
  if (uses.length === 0) return { kept: findings, uses };
  const kept = findings.filter((f) => {
    const by = uses.filter((u) => covers(u.directive, f, lines));
    for (const u of by) u.suppressed.add(f.ruleId);
    return by.length === 0;
  });
  return { kept, uses };
}

export function applySuppressions(findings: Finding[], text: string, lines: LineIndex): Finding[] {
  return suppress(findings, text, lines).kept;
}
