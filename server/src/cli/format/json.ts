import type { FileResult } from '../check';
import { locate, SEVERITY_NAMES } from './positions';
import type { TargetVersion } from '../../core/features/target-version';

/**
 * `[{filePath, messages: [{ruleId, messageId?, severity, message, line, column, endLine, endColumn}]}]`
 * (product.md §3), each file also naming the Kubernetes version it was checked against
 * (`kubernetesVersion`, `kubernetesVersionFrom`) and, when it has custom resources, where each kind's
 * schema came from (`customSchemas`: the bundled catalog, a workspace CRD): the array stays ESLint's shape.
 */
export function formatJson(results: readonly FileResult[], target?: TargetVersion): string {
  return JSON.stringify(
    results.map((r) => ({
      filePath: r.filePath,
      ...(target ? { kubernetesVersion: target.version, kubernetesVersionFrom: target.from } : {}),
      messages: r.findings.map((f) => ({ ruleId: f.ruleId, ...(f.messageId ? { messageId: f.messageId } : {}), severity: SEVERITY_NAMES[f.severity], message: f.message, ...locate(r.lines, f) })),
      ...(r.customSchemas ? { customSchemas: r.customSchemas } : {}),
    })),
    null,
    2,
  );
}
