// Kustomization files as manifests of their own: the bundled Kustomization/Component schema gives
// hover, completion and unknown-field errors (the kustomization rule's fixtures cover the rest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile } from '../../server/src/core/model/parse';
import { hover } from '../../server/src/core/features/hover';
import { complete } from '../../server/src/core/features/completion';
import { diagnoseFile } from '../../server/src/core/features/diagnostics';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { bundledCatalog } from '../../server/src/io/schema-source';

const catalog = bundledCatalog();
const TEXT = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namePrefix: prod-
resources:
  - base
`;

test('hover on a kustomization field describes it and links kustomize\'s reference', () => {
  const file = parseFile(TEXT);
  const result = hover(file, TEXT.indexOf('namePrefix') + 2, catalog);
  assert.ok(result, 'a hover');
  assert.match(result.contents, /\*\*namePrefix\*\*: `string`/);
  assert.match(result.contents, /Prepended to the name of every resource/);
  assert.match(result.contents, /kubectl\.docs\.kubernetes\.io\/references\/kustomize\/kustomization\//);
});

test('completion proposes the kustomization fields not yet written', () => {
  const text = `${TEXT}na`;
  const labels = complete(parseFile(text), text.length, catalog).map((c) => c.label);
  assert.ok(labels.includes('nameSuffix') && labels.includes('configMapGenerator'), labels.join(','));
  assert.ok(!labels.includes('namePrefix'), 'a present key is not proposed');
});

test('a Component (v1alpha1) is known, and unknown fields of both kinds are schema errors at the key', () => {
  const component = `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: p.yaml\n    targt: {kind: Deployment}\n`;
  const findings = diagnoseFile(parseFile(component), { catalog, config: DEFAULT_CONFIG, uri: 'file:///app/components/x/kustomization.yaml' });
  const errors = findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.message, component.slice(f.start, f.end)]);
  assert.deepEqual(errors, [['schema/unknown-field', 'unknown field "patches[0].targt" (did you mean "target"?)', 'targt']]);
});
