// A document reused across edits must not keep the text of the version it was parsed in alive: a
// V8 substring holds its whole parent string. Without care, every edit that re-parses a different
// document pins one more full copy of the file (found by heap snapshots of bench:memory).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseFile, type ParsedFile } from '../../server/src/core/model/parse';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
setFlagsFromString('--no-expose-gc');

const DOCS = 200;
const doc = (i: number, tag: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  tag: "${tag}"\n  filler: "${'x'.repeat(1800)}"\n`;

test('documents reused across 100 edits do not pin old versions of the file text', () => {
  const texts = Array.from({ length: DOCS }, (_, i) => doc(i, 'v0'));
  let file: ParsedFile = parseFile(texts.join('---\n'));
  const fileChars = file.text.length; // ~400,000 characters
  gc();
  const before = getHeapStatistics().used_heap_size;
  for (let edit = 1; edit <= 100; edit++) {
    texts[edit] = doc(edit, `v${edit}`); // a different document each time: the others are reused
    file = parseFile(texts.join('---\n'), file);
  }
  gc();
  const grown = getHeapStatistics().used_heap_size - before;
  // One version of the text is ~0.8 MB (two bytes a character at most); 100 pinned versions ~40-80 MB.
  assert.ok(grown < 10 * fileChars, `heap grew by ${(grown / 1024 / 1024).toFixed(1)} MiB over 100 edits`);
  assert.equal(file.documents.length, DOCS);
  assert.match(file.documents[100].source, /tag: "v100"/);
});
