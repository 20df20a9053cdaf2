import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { KNOWN_DIFFERENCES, kubectlValidateVerdicts } from '../../server/src/cli/conformance';
import { bundledCatalog } from '../../server/src/io/schema-source';

const DIR = '../shared/conformance/kubectl-validate';

test('kubectl-validate: at least 30 of 31 verdicts agree; every disagreement is a documented one', () => {
  assert.ok(existsSync(DIR), `${DIR} is missing: the conformance data must sit beside the project`);
  const verdicts = kubectlValidateVerdicts(DIR, bundledCatalog());
  assert.equal(verdicts.length, 31);
  const disagreements = verdicts.filter((v) => v.expectedValid !== v.ourValid).map((v) => v.file);
  assert.ok(verdicts.length - disagreements.length >= 30, `agree ${verdicts.length - disagreements.length}/31: ${disagreements.join(', ')}`);
  assert.deepEqual(disagreements.filter((f) => !KNOWN_DIFFERENCES[f]), []);
});

test('kubectl-validate: no error on any valid manifest', () => {
  const falseErrors = kubectlValidateVerdicts(DIR, bundledCatalog()).filter((v) => v.expectedValid && !v.ourValid);
  assert.deepEqual(falseErrors.map((v) => `${v.file}: ${v.ours.join('; ')}`), []);
});
