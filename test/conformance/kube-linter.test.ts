import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { kubeLinterComparisons } from '../../server/src/cli/conformance-kube-linter';
import { bundledCatalog } from '../../server/src/io/schema-source';

const DIR = '../shared/conformance/kube-linter';

test('kube-linter: at least 90% agreement on the covered checks and no false errors', () => {
  assert.ok(existsSync(DIR), `${DIR} is missing: the conformance data must sit beside the project`);
  const comparisons = kubeLinterComparisons(DIR, bundledCatalog());
  assert.ok(comparisons.length >= 40, `${comparisons.length} expectations compared`);
  const disagreements = comparisons.filter((c) => c.expected !== c.ours);
  assert.ok(disagreements.length <= comparisons.length * 0.1, disagreements.map((c) => `${c.check} ${c.file} ${c.object}`).join('\n'));
  assert.deepEqual(comparisons.filter((c) => c.falseError), []);
});
