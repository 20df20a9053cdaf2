import type { DirectiveUse } from '../features/suppressions';
import { closest } from '../schema/validate';
import type { Report, Rule } from './rule';
import type { RuleNames } from './ids';

/**
 * Findings on `kubesight-disable` comments (features/diagnostics.ts runs it after the other rules,
 * with what each comment suppressed): a mistyped rule id disables nothing, without a word
 * otherwise. ESLint's "Definition for rule '...' was not found" and "Unused eslint-disable
 * directive" are the model.
 */
export const disableComment: Rule = {
  meta: {
    id: 'disable-comment',
    severity: 'warning',
    scope: 'file',
    description: 'kubesight-disable comments naming a rule that does not exist, or suppressing nothing.',
    docs: [
      'A `# kubesight-disable-next-line` or `# kubesight-disable-file` comment that names an unknown',
      'rule id disables nothing for it: a warning, with "did you mean" when a rule id is close.',
      'A comment that suppressed no finding of the rules it names is information ("unused"), so',
      'stale comments can be removed; only rules that ran are judged (not those turned off).',
      'A comment may name a rule id, a category (`schema/*`) or a former id (`workload-best-practice`),',
      'which stands for every rule split from it; such a name is unused when none of its rules had a',
      'finding to suppress.',
      'Text after ` -- ` is a reason and is not read as rule ids. A comment that looks like a',
      'directive but is none (`kubesight-disable-line`, `kubesight-disable`) is a warning too.',
    ].join('\n'),
  },
};

const DIRECTIVES = ['kubesight-disable-next-line', 'kubesight-disable-file'];

/**
 * `ran`: ids of the rules that ran on the file (a comment for another rule cannot be judged
 * unused). A name that stands for several rules (`schema/*`, `workload-best-practice`) is judged
 * when one of them ran.
 */
export function disableCommentReports(uses: readonly DirectiveUse[], names: RuleNames, ran: ReadonlySet<string>): Report[] {
  const reports: Report[] = [];
  const known = names.known;
  const nameRan = (name: string) => names.idsOf(name).some((id) => ran.has(id));
  for (const { directive, suppressed } of uses) {
    if (directive.kind === 'unknown') {
      // `kubesight-disable-line` (ESLint's same-line form) means the line: next-line is the nearest.
      const suffix = directive.name.slice(directive.name.lastIndexOf('-'));
      const near = DIRECTIVES.find((d) => d.endsWith(suffix)) ?? closest(directive.name, DIRECTIVES);
      reports.push({ range: [directive.start, directive.end], message: `unknown directive "${directive.name}"${near ? ` (did you mean "${near}"?)` : `; known: ${DIRECTIVES.join(', ')}`}; this comment disables nothing` });
      continue;
    }
    const where = directive.name;
    for (const { id, start, end } of directive.ids) {
      if (known.includes(id)) continue;
      const near = closest(id, known);
      reports.push({ range: [start, end], message: `definition for rule "${id}" was not found${near ? ` (did you mean "${near}"?)` : ''}; this comment disables nothing for it` });
    }
    const judged = directive.ids.length === 0 ? [] : directive.ids.filter((i) => nameRan(i.id) && !suppressed.has(i.id));
    const unused = directive.ids.length === 0 ? suppressed.size === 0 : judged.length > 0;
    if (!unused) continue;
    const target = directive.kind === 'file' ? 'in this file' : 'on the next line';
    const what = judged.length ? `no ${judged.map((i) => `"${i.id}"`).join(' or ')} finding` : 'no finding';
    const range: readonly [number, number] = judged.length === 1 ? [judged[0].start, judged[0].end] : [directive.start, directive.end];
    reports.push({ range, severity: 'info', message: `unused ${where} directive: ${what} ${target} to suppress` });
  }
  return reports;
}
