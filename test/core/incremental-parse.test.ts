import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visit } from 'yaml';
import { parseFile, type ParsedFile } from '../../server/src/core/model/parse';
import { splitChunks } from '../../server/src/core/model/chunks';
import { LineIndex } from '../../server/src/core/model/line-index';
import { unchangedEdges } from '../../server/src/core/model/unchanged-edges';
import { resourcesOfDocument } from '../../server/src/core/model/resource';

const docs = (n: number) =>
  Array.from({ length: n }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  key: |\n    text ${i}\n    --- not a marker (indented)\n`).join('---\n');

/** Every node range and problem of a parse, to compare an incremental parse with a fresh one. */
function fingerprint(file: ParsedFile): string {
  return JSON.stringify(
    file.documents.map((d) => {
      const ranges: unknown[] = [d.start, d.end, d.errors.map((e) => [e.code, e.start, e.end])];
      visit(d.doc, (_k, node) => {
        ranges.push((node as { range?: unknown } | null)?.range ?? null);
      });
      return ranges;
    }),
  );
}

test('chunks split at --- and ... line markers only', () => {
  const text = 'a: 1\n---\nb: |\n  ---\n---  # c\nc: 3\n...\nd: 4\n';
  const chunks = splitChunks(text).map((c) => text.slice(c.start, c.end));
  assert.deepEqual(chunks, ['a: 1\n', '---\nb: |\n  ---\n', '---  # c\nc: 3\n...\n', 'd: 4\n']);
  assert.deepEqual(splitChunks(''), [{ start: 0, end: 0 }]);
});

test('an incremental parse equals a fresh parse after edits anywhere', () => {
  let text = docs(12);
  let previous = parseFile(text);
  // Deterministic pseudo-random edits: insertions, deletions, a new document marker, broken YAML.
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  const inserts = ['x', '\n', '---\n', ': ', '  ', '"', '\t', 'key: value\n', '...\n', '# c\n', '-', '.', '\r\n'];
  for (let i = 0; i < 150; i++) {
    const at = rand(text.length + 1);
    text = rand(3) === 0 ? text.slice(0, at) + text.slice(at + 1 + rand(4)) : text.slice(0, at) + inserts[rand(inserts.length)] + text.slice(at);
    const incremental = parseFile(text, previous);
    assert.equal(fingerprint(incremental), fingerprint(parseFile(text)), `edit ${i}`);
    previous = incremental;
  }
});

test('an edit splits again only between the unchanged chunks at both ends: the same chunks and lines as a whole split', () => {
  let seed = 11;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  const pieces = ['a: 1\n', '---\n', '...\n', '--- # x\n', '# c\n', '  ---\n', '---', '\n', 'b: |\n  t\n'];
  const randomText = () => Array.from({ length: 1 + rand(14) }, () => pieces[rand(pieces.length)]).join('');
  for (let i = 0; i < 400; i++) {
    const before = randomText();
    const from = rand(before.length + 1);
    const to = from + rand(before.length - from + 1);
    const text = before.slice(0, from) + (rand(2) ? pieces[rand(pieces.length)] : '') + before.slice(to);
    const previous = parseFile(before);
    const edges = unchangedEdges(previous, text);
    const region = splitChunks(text, edges.headEnd, edges.tailStart);
    const whole = splitChunks(text);
    const kept = (ds: readonly { chunkStart: number }[], delta: number) => [...new Set(ds.map((d) => d.chunkStart + delta))];
    // The chunks of the head, the region and the tail, in order, are those of the whole text.
    const starts = [...kept(edges.head, 0), ...region.map((c) => c.start), ...kept(edges.tail, edges.delta)];
    assert.deepEqual(starts, whole.map((c) => c.start), `case ${i}: ${JSON.stringify(before)} → ${JSON.stringify(text)}`);
    const lines = LineIndex.edited(previous.lines, text, edges.headEnd, text.length - edges.tailStart);
    const fresh = new LineIndex(text);
    assert.equal(lines.lineCount, fresh.lineCount, `case ${i}: line count`);
    for (let l = 0; l < fresh.lineCount; l++) assert.equal(lines.lineStart(l), fresh.lineStart(l), `case ${i}: line ${l}`);
  }
});

test('unchanged documents are reused, not re-parsed', () => {
  const text = docs(5);
  const first = parseFile(text);
  const edited = text.replace('cm-3', 'cm-33');
  const second = parseFile(edited, first);
  const reused = second.documents.filter((d, i) => d.doc === first.documents[i]?.doc).length;
  assert.equal(reused, 4);
});

test('a document yaml ends early without an error does not swallow the documents after it (fuzz case 479)', () => {
  // An unterminated quote, more indented than the explicit key above it: yaml's whole-stream
  // parse ended the first document there and returned no other document and no error.
  const before = 'data:\n  ? [a, b]\n  : c\n---\nkind: ConfigMap\ndata: &d\n  a: *d\n---\nname: x\n';
  const at = before.indexOf('  : c');
  const after = `${before.slice(0, at)}      key: 'unterminated\n${before.slice(at)}`;
  const fresh = parseFile(after);
  assert.equal(fresh.documents.length, 3);
  assert.equal(fingerprint(fresh), fingerprint(parseFile(after, parseFile(before))));
});

test('reused documents move their nodes when read, however many edits ago they were last read', () => {
  let text = docs(12);
  let previous = parseFile(text);
  let seed = 11;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);
  const versions: ParsedFile[] = [previous];
  for (let i = 0; i < 120; i++) {
    const at = rand(text.length + 1);
    text = rand(2) === 0 ? text.slice(0, at) + text.slice(at + 1 + rand(3)) : text.slice(0, at) + ['x', '\n', '---\n', 'k: v\n'][rand(4)] + text.slice(at);
    const incremental = parseFile(text, previous);
    versions.push(incremental);
    // Reading an older version's nodes moves them back there; the newest version moves them again.
    if (rand(4) === 0) void versions[rand(versions.length)].documents.map((d) => d.doc);
    // Only now and then is the whole newest version read: the rest of the time nodes stay where they were.
    if (rand(5) === 0) assert.equal(fingerprint(incremental), fingerprint(parseFile(text)), `edit ${i}`);
    previous = incremental;
  }
  assert.equal(fingerprint(previous), fingerprint(parseFile(text)));
});

test('an edit moves no reused document\'s nodes until that version reads them', () => {
  const text = docs(6);
  const first = parseFile(text);
  void first.documents.map((d) => d.doc);
  const second = parseFile(`# a comment that moves every document\n${text}`, first);
  // The nodes still sit at the first version's offsets until the second version reads them.
  const at = (d: { doc: { contents: unknown } }) => ((d.doc.contents as { range: number[] }).range[0]);
  assert.equal(at(first.documents[2]), text.indexOf('apiVersion', text.indexOf('cm-1')));
  assert.equal(at(second.documents[2]), at(first.documents[2]) + '# a comment that moves every document\n'.length);
});

test("an object's node is at its own version's offsets whichever version read the shared nodes last", () => {
  const text = docs(4);
  const first = parseFile(text);
  const [firstObject] = resourcesOfDocument(first.documents[3]);
  const start = (node: { range?: number[] | null }) => node.range![0];
  const before = start(firstObject.node);
  const second = parseFile(`# moved\n${text}`, first);
  const [secondObject] = resourcesOfDocument(second.documents[3]);
  assert.equal(start(secondObject.node), before + '# moved\n'.length);
  // The older version reads them (they move back), then the newer one again.
  assert.equal(start(firstObject.node), text.indexOf('apiVersion', text.indexOf('cm-2')));
  assert.equal(start(secondObject.node), `# moved\n${text}`.indexOf('apiVersion', `# moved\n${text}`.indexOf('cm-2')));
});
