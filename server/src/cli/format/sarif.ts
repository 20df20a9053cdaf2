import type { Rule } from '../../core/rules/rule';
import type { FileResult } from '../check';
import type { TargetVersion } from '../../core/features/target-version';
import { locate } from './positions';
import { ruleDocsUrl } from '../../core/rules/ids';

const LEVELS = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

/** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
export function formatSarif(results: readonly FileResult[], rules: readonly Rule[], version: string, target?: TargetVersion): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubesight',
            version,
            informationUri: 'https://github.com/kubesight/kubesight',
            rules: rules.map((r) => ({
              id: r.meta.id,
              shortDescription: { text: r.meta.description },
              fullDescription: { text: r.meta.docs },
              helpUri: ruleDocsUrl(r.meta.id),
              ...(r.meta.messages ? { messageStrings: Object.fromEntries(Object.entries(r.meta.messages as Record<string, string>).map(([id, text]) => [id, { text }])) } : {}),
              defaultConfiguration: { level: LEVELS[r.meta.severity] },
            })),
          },
        },
        // The Kubernetes version the manifests were checked against, in the run's property bag.
        ...(target ? { properties: { kubernetesVersion: target.version, kubernetesVersionFrom: target.from } } : {}),
        results: results.flatMap((r) =>
          r.findings.map((f) => {
            const at = locate(r.lines, f);
            return {
              ruleId: f.ruleId,
              level: LEVELS[f.severity],
              // The text as shown; `id` names the rule's message string it was made from.
              message: { text: f.message, ...(f.messageId ? { id: f.messageId } : {}) },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: r.filePath },
                    region: { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn },
                  },
                },
              ],
            };
          }),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2);
}
