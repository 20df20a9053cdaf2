// kube-linter agreement on the checks Kubesight covers (issue: cross-resource intelligence).
// The mapping is data: kube-linter check → our rule ids; unmapped checks are listed with a reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../core/config';
import { diagnoseWorkspaceFile } from '../core/features/diagnostics';
import { resourcesOfFile } from '../core/model/resource';
import type { SchemaCatalog } from '../core/schema/catalog';
import { WorkspaceCatalog } from '../core/workspace/custom-kinds';
import { Workspace } from '../core/workspace/workspace';

/** A kube-linter check maps to our rules, optionally to one concern of a rule (by message). */
type Match = string | { rule: string; message: RegExp };

export const CHECK_TO_RULES: Record<string, Match[]> = {
  'dangling-horizontalpodautoscaler': ['dangling/scale-target'],
  'dangling-ingress': ['dangling/ingress-backend', 'port-reference'],
  'dangling-networkpolicy': ['dangling/network-policy'],
  'dangling-service': ['service-no-pods'],
  'duplicate-env-var': ['duplicate/env-name'],
  'env-value-from': ['missing-reference', 'missing-key'],
  'latest-tag': ['image-tag'],
  'mismatching-selector': ['selector-mismatch'],
  'no-extensions-v1beta': ['api-version'],
  'non-existent-service-account': ['missing-reference'],
  'liveness-port': ['port-reference'],
  'readiness-port': ['port-reference'],
  'startup-port': ['port-reference'],
  'no-readiness-probe': [{ rule: 'best-practice/readiness-probe', message: /readinessProbe/ }],
  'privileged-container': [{ rule: 'best-practice/privileged', message: /runs privileged/ }],
  'unset-cpu-requirements': [{ rule: 'best-practice/resource-requests', message: /no resource requests/ }],
  'unset-memory-requirements': [{ rule: 'best-practice/resource-requests', message: /no resource requests/ }],
};

/** OpenShift kinds are outside Kubesight's scope (no schema; not Kubernetes API objects). */
const OUT_OF_SCOPE_KINDS = new Set(['DeploymentConfig']);

export const NOT_COVERED: Record<string, string> = {
  'restart-policy': 'kube-linter wants restartPolicy on Deployments; the API server only accepts Always there (not a target)',
  'invalid-target-ports': 'port-name syntax (IANA_SVC_NAME) is not checked yet',
  'dangling-networkpolicypeer-podselector': 'NetworkPolicy peer selectors are not checked yet',
  'no-liveness-probe': 'best-practice/readiness-probe asks for readiness probes only, by design (liveness probes are not always right)',
  'DeploymentConfig objects': 'OpenShift kinds are not Kubernetes API objects; their expectations are skipped',
};

function matches(m: Match, f: { ruleId: string; message: string }): boolean {
  return typeof m === 'string' ? f.ruleId === m : f.ruleId === m.rule && m.message.test(f.message);
}

interface Expectation {
  file: string;
  check: string;
  kind: string;
  name: string;
  namespace: string;
  expect: 'finding' | 'no-finding';
}

export interface Comparison {
  check: string;
  file: string;
  object: string;
  expected: boolean;
  ours: boolean;
  falseError: boolean;
}

export function kubeLinterComparisons(dir: string, catalog: SchemaCatalog): Comparison[] {
  const expectations = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expectation[]).filter((e) => CHECK_TO_RULES[e.check] && !OUT_OF_SCOPE_KINDS.has(e.kind));
  type Found = { ruleId: string; message: string; severity: string };
  const cache = new Map<string, { kind: string; name: string; findings: Found[] }[]>();
  const objectsOf = (file: string) => {
    const hit = cache.get(file);
    if (hit) return hit;
    const ws = Workspace.empty(undefined, true).withFile(file, readFileSync(join(dir, 'fixtures', file), 'utf8'));
    const parsed = ws.file(file)!.parsed;
    const findings = diagnoseWorkspaceFile(ws, file, { catalog: new WorkspaceCatalog(catalog).for(ws), config: DEFAULT_CONFIG });
    // kube-linter's doc_index counts the non-empty documents of the file.
    const objects = parsed.documents
      .filter((d) => d.doc.contents !== null)
      .map((d) => {
        const r = resourcesOfFile({ ...parsed, documents: [d] })[0];
        const inside = findings.filter((f) => f.start >= d.start && f.start < d.end);
        return { kind: r?.kind ?? '', name: r?.name ?? '', findings: inside };
      });
    cache.set(file, objects);
    return objects;
  };
  return expectations.map((e) => {
    const rules = CHECK_TO_RULES[e.check];
    const docs = objectsOf(e.file);
    const byIndex = docs[(e as Expectation & { doc_index: number }).doc_index];
    const object = byIndex && byIndex.kind === e.kind && byIndex.name === e.name ? byIndex : docs.find((o) => o.kind === e.kind && o.name === e.name);
    const ours = !!object && object.findings.some((f) => rules.some((m) => matches(m, f)));
    return {
      check: e.check,
      file: e.file,
      object: `${e.kind}/${e.name}`,
      expected: e.expect === 'finding',
      ours,
      falseError: e.expect === 'no-finding' && !!object && object.findings.some((f) => f.severity === 'error' && rules.some((m) => matches(m, f))),
    };
  });
}

export function printKubeLinter(dir: string, catalog: SchemaCatalog): void {
  const comparisons = kubeLinterComparisons(dir, catalog);
  const agree = comparisons.filter((c) => c.expected === c.ours);
  for (const c of comparisons.filter((x) => x.expected !== x.ours)) {
    const rules = CHECK_TO_RULES[c.check].map((m) => (typeof m === 'string' ? m : m.rule));
    console.log(`DISAGREE ${c.check} ${c.file} ${c.object}: kube-linter ${c.expected ? 'finds' : 'does not find'} it, we ${c.ours ? 'do' : 'do not'} (rules ${rules.join(', ')})`);
  }
  for (const [check, reason] of Object.entries(NOT_COVERED)) console.log(`not covered: ${check}: ${reason}`);
  const falseErrors = comparisons.filter((c) => c.falseError).length;
  console.log(`kube-linter: ${agree.length}/${comparisons.length} expectations agree (${((100 * agree.length) / Math.max(1, comparisons.length)).toFixed(1)}%) on ${Object.keys(CHECK_TO_RULES).length} covered checks; false errors: ${falseErrors}`);
}
