import type { Finding } from '../findings';
import type { LineIndex } from '../model/line-index';
import { RULE_NAMES } from '../rules';
import type { RuleNames } from '../rules/ids';

/**
 * Inline suppressions: `# kubesight-disable-next-line id[, id]` and `# kubesight-disable-file id`.
 * Without ids, every rule is disabled for that line or file. Text after ` -- ` is a reason, not ids
 * (as in ESLint). An id may be any name rules/ids.ts knows: a rule id, `<category>/*`, or the id
 * a family replaced (`# kubesight-disable-next-line dangling-backend` covers every dangling/… rule).
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
  /** The names (as written in the comment) that suppressed a finding; for a comment without names, the findings' rule ids. */
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
    const ids = [...list.matchAll(/[^,\s]+/g)].filter((m) => /^[a-z0-9-]+(\/([a-z0-9-]+|\*))?$/.test(m[0])).map((m) => ({ id: m[0], start: idsAt + (m.index ?? 0), end: idsAt + (m.index ?? 0) + m[0].length }));
    out.push({ kind, name, start: at, end: idsAt + list.trimEnd().length, line: lines.positionAt(at).line + 1, ids });
  }
  return out;
}

/** The names of the directive that cover the finding (its rule id for a directive without names); [] when none does. */
function covering(directive: Directive, finding: Finding, lines: LineIndex, names: RuleNames): string[] {
  if (directive.kind === 'unknown') return [];
  if (directive.kind === 'next-line' && lines.positionAt(finding.start).line !== directive.line) return [];
  if (directive.ids.length === 0) return [finding.ruleId];
  return directive.ids.filter((i) => names.covers(i.id, finding.ruleId)).map((i) => i.id);
}

/** The findings no directive covers, and what each directive suppressed. */
export function suppress(findings: Finding[], text: string, lines: LineIndex, names: RuleNames = RULE_NAMES): { kept: Finding[]; uses: DirectiveUse[] } {
  const uses = parseDirectives(text, lines).map((directive) => ({ directive, suppressed: new Set<string>() }));
  if (uses.length === 0) return { kept: findings, uses };
  const kept = findings.filter((f) => {
    let covered = false;
    for (const u of uses) {
      for (const name of covering(u.directive, f, lines, names)) {
        u.suppressed.add(name);
        covered = true;
      }
    }
    return !covered;
  });
  return { kept, uses };
}

export function applySuppressions(findings: Finding[], text: string, lines: LineIndex): Finding[] {
  return suppress(findings, text, lines).kept;
}
