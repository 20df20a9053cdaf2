import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFile, documentValue, UNDER_INDENTED_QUOTE } from '../../server/src/core/model/parse';
import { relaxQuoteIndentation } from '../../server/src/core/model/quote-indent';

// The closing line of the quoted annotation sits at the key's indentation: YAML 1.2 refuses it,
// go-yaml (kubectl) reads it. Correctly indented, the value is the same.
const underIndented = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: wait',
  '  annotations:',
  "    init: '[",
  `        {"name": "it''s", "args": ["a",`,
  '          "b"]}',
  "    ]'",
  'spec:',
  '  containers: [{name: app, image: "shop/app:1.0.0"}]',
  '',
].join('\n');
const indented = underIndented.replace("\n    ]'", "\n     ]'");

test('a quoted scalar under-indented as go-yaml allows parses to the same value, with one warning', () => {
  const relaxed = parseFile(underIndented);
  assert.equal(relaxed.documents.length, 1);
  assert.deepEqual(relaxed.documents[0].errors, []);
  assert.deepEqual(documentValue(relaxed.documents[0]), documentValue(parseFile(indented).documents[0]));
  const warnings = relaxed.documents[0].warnings.filter((w) => w.code === UNDER_INDENTED_QUOTE);
  assert.equal(warnings.length, 1);
  assert.equal(underIndented.slice(warnings[0].start, warnings[0].end), "]'");
});

test('node ranges outside the scalar are those of the original text', () => {
  const doc = parseFile(underIndented).documents[0];
  const specKey = (doc.doc.contents as { items: { key: { range: number[]; value: string } }[] }).items.find((p) => p.key.value === 'spec')!.key;
  assert.equal(underIndented.slice(specKey.range[0], specKey.range[1]), 'spec');
});

test('the copy has the same length and only moves leading spaces inside the scalar', () => {
  const relaxed = relaxQuoteIndentation(underIndented)!;
  assert.equal(relaxed.text.length, underIndented.length);
  assert.equal(relaxed.text.replace(/ /g, ''), underIndented.replace(/ /g, ''));
});

test('nothing to relax: well-indented, plain apostrophes, block scalars, comments', () => {
  assert.equal(relaxQuoteIndentation(indented), undefined);
  assert.equal(relaxQuoteIndentation("a: don't\nb: |\n  it's 'open\nc: 1 # it's\n"), undefined);
});

test('a real syntax error stays an error', () => {
  const broken = parseFile("a: 'open\nb: 1\n");
  assert.ok(broken.documents[0].errors.length > 0);
});
