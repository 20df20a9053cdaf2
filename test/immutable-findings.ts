// The immutable-field findings of a manifest against a baseline (git or live cluster), shared by
// test/immutable.test.ts and test/immutable-live.test.ts.
import { DEFAULT_CONFIG } from '../server/src/core/config';
import { diagnoseWorkspaceFile } from '../server/src/core/features/diagnostics';
import type { Finding } from '../server/src/core/findings';
import { baselineFromResources, type Baseline } from '../server/src/core/immutable/baseline';
import { parseFile } from '../server/src/core/model/parse';
import { resourcesOfFile } from '../server/src/core/model/resource';
import { Workspace } from '../server/src/core/workspace/workspace';
import { bundledCatalog } from '../server/src/io/schema-source';

const catalog = bundledCatalog();

/** The baseline `text` gives as the committed version (git HEAD). */
export const gitBaseline = (text: string): Baseline => baselineFromResources('git HEAD', resourcesOfFile(parseFile(text)));

/** immutable-field findings of `text` (file f.yaml of a complete workspace) against `baseline`. */
export function immutableFindings(baseline: Baseline | undefined, text: string): Finding[] {
  const ws = Workspace.empty(undefined, true).withFile('f.yaml', text);
  return diagnoseWorkspaceFile(ws, 'f.yaml', { catalog, config: DEFAULT_CONFIG, baseline }).filter((f) => f.ruleId === 'immutable-field');
}

/** The same, as [marked text, message]. */
export function findings(baseline: Baseline | undefined, text: string): [string, string][] {
  return immutableFindings(baseline, text).map((f) => [text.slice(f.start, f.end), f.message]);
}
