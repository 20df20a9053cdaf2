// `npm run conformance -- ../shared/conformance/kubectl-validate`: runs the engine over
// kubectl-validate's test manifests (their CRDs loaded as workspace CRDs) and compares verdicts:
// a file is invalid for us when it has an error-severity finding.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../core/config';
import { diagnoseWorkspaceFile } from '../core/features/diagnostics';
import type { Finding } from '../core/findings';
import { parseFile } from '../core/model/parse';
import { resourcesOfFile } from '../core/model/resource';
import { customKindsOf } from '../core/schema/crd';
import type { SchemaCatalog } from '../core/schema/catalog';
import { Workspace } from '../core/workspace/workspace';
import { bundledCatalog } from '../io/schema-source';
import { printKubeLinter } from './conformance-kube-linter';

interface Expected {
  file: string;
  valid: boolean;
  causes: { field?: string; reason?: string; message?: string }[];
}

/**
 * Where kubectl-validate is stricter than the API server (k8s-rules.md): we follow the server.
 * A disagreement listed here is expected and explained; any other is a defect.
 */
export const KNOWN_DIFFERENCES: Record<string, string> = {
  'error_x_list_map_duplicate_key.yaml':
    'kubectl-validate enforces x-kubernetes-list-map-keys on a built-in Pod; the API server accepts duplicate containerPort/protocol with a warning only (k8s-rules.md §3.2, §17), and we report it as the duplicate/container-port warning',
};

export interface Verdict {
  file: string;
  expectedValid: boolean;
  ourValid: boolean;
  expected: string[];
  ours: string[];
}

/** Each manifest is checked alone (as kubectl-validate does), with the CRDs of crds/ known. */
export function kubectlValidateVerdicts(dir: string, catalog: SchemaCatalog): Verdict[] {
  const crdFiles = readdirSync(join(dir, 'crds')).filter((f) => /\.ya?ml$/.test(f));
  const crdResources = crdFiles.flatMap((f) => resourcesOfFile(parseFile(readFileSync(join(dir, 'crds', f), 'utf8'))));
  const withCrds = catalog.withCustomKinds(customKindsOf(crdResources));
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected[];
  return expected.map((e) => {
    const text = readFileSync(join(dir, 'manifests', e.file), 'utf8');
    const ws = Workspace.empty(undefined, false).withFile(e.file, text);
    const findings = diagnoseWorkspaceFile(ws, e.file, { catalog: withCrds, config: DEFAULT_CONFIG });
    const errors = findings.filter((f) => f.severity === 'error');
    return {
      file: e.file,
      expectedValid: e.valid,
      ourValid: errors.length === 0,
      expected: e.causes.map((c) => `${c.field ?? ''} ${c.message ?? c.reason ?? ''}`.trim()),
      ours: errors.map((f: Finding) => `${f.ruleId}: ${f.message}`),
    };
  });
}

function main(): number {
  const dir = process.argv[2];
  if (dir && existsSync(join(dir, 'checks.json')) && existsSync(join(dir, 'fixtures'))) {
    printKubeLinter(dir, bundledCatalog());
    return 0;
  }
  if (!dir || !existsSync(join(dir, 'expected.json')) || !existsSync(join(dir, 'manifests'))) {
    process.stderr.write('usage: npm run conformance -- <conformance folder: kubectl-validate or kube-linter>\n');
    return 2;
  }
  const verdicts = kubectlValidateVerdicts(dir, bundledCatalog());
  const agree = verdicts.filter((v) => v.expectedValid === v.ourValid);
  for (const v of verdicts.filter((x) => x.expectedValid !== x.ourValid)) {
    console.log(`DISAGREE ${v.file}: expected ${v.expectedValid ? 'valid' : 'invalid'}, we say ${v.ourValid ? 'valid' : 'invalid'}`);
    if (KNOWN_DIFFERENCES[v.file]) console.log(`  known difference: ${KNOWN_DIFFERENCES[v.file]}`);
    for (const c of v.expected) console.log(`  expected: ${c}`);
    for (const c of v.ours) console.log(`  ours:     ${c}`);
  }
  console.log(`kubectl-validate: ${agree.length}/${verdicts.length} verdicts agree`);
  return 0;
}

if (require.main === module) process.exitCode = main();
