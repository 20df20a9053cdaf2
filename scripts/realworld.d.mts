export interface CorpusFinding {
  key: string;
  severity: 'error' | 'warning';
  message: string;
}
export interface Verdict {
  finding: string;
  severity?: string;
  message?: string;
  verdict: boolean | null;
  reason: string;
}
/** A custom resource the CLI said it could not check ("no schema for kind …"): file:line:column and its apiVersion. */
export interface UncheckedResource {
  key: string;
  apiVersion: string;
}
export function runCorpus(root?: string): { repos: string[]; findings: CorpusFinding[]; listed: string[]; unchecked: UncheckedResource[] };
export function yamlFilesOf(root?: string): string[];
export function loadVerdicts(path?: string): Verdict[];
export function compare(
  findings: CorpusFinding[],
  verdicts: Verdict[],
): {
  counts: { errors: number; falseErrors: number; warnings: number; falseWarnings: number };
  unreviewed: CorpusFinding[];
  falseOnes: (CorpusFinding & { reason: string })[];
  stale: Verdict[];
};
