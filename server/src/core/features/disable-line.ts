import type { Finding, Fix } from '../findings';
import type { ParsedFile } from '../model/parse';

/**
 * "Disable <rule> for this line": a `kubesight-disable-next-line` comment (suppressions.ts) inserted
 * above the finding's first line, with that line's indentation so the YAML stays valid.
 */
export function disableLineFix(file: ParsedFile, finding: Finding): Fix {
  const line = file.lines.positionAt(finding.start).line;
  const lineStart = file.lines.offsetAt({ line, character: 0 });
  const indent = /^\s*/.exec(file.lines.lineText(line))?.[0] ?? '';
  return { title: `Disable ${finding.ruleId} for this line`, edits: [{ start: lineStart, end: lineStart, newText: `${indent}# kubesight-disable-next-line ${finding.ruleId}\n` }] };
}
