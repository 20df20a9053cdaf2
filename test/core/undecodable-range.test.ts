// The reason a document has no JSON form is computed once and shared by the moved copies of the
// document: after an edit above it, the yaml-syntax error must follow the key to its new place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { diagnoseFile } from '../../server/src/core/features/diagnostics';
import { parseFile } from '../../server/src/core/model/parse';
import { bundledCatalog } from '../../server/src/io/schema-source';

const catalog = bundledCatalog();
const first = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
const second = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  ? [x, y]\n  : z\n';
const syntaxErrors = (file: ReturnType<typeof parseFile>) => diagnoseFile(file, { catalog, config: DEFAULT_CONFIG }).filter((f) => f.ruleId === 'yaml-syntax');

test('the error on a collection key follows the key when an edit above moves it', () => {
  const before = `${first}---\n${second}`;
  const parsed = parseFile(before);
  const [was] = syntaxErrors(parsed);
  assert.equal(was.start, before.indexOf('[x, y]'));
  const after = `# a comment added above\n${first}---\n${second}`;
  const reparsed = parseFile(after, parsed);
  assert.equal(reparsed.documents[1].source, parsed.documents[1].source, 'the second document is reused, not re-parsed');
  const [now] = syntaxErrors(reparsed);
  assert.deepEqual([now.start, now.end], [after.indexOf('[x, y]'), after.indexOf('[x, y]') + '[x, y]'.length]);
  assert.match(now.message, /^error converting YAML to JSON: a mapping key is a collection/);
});
