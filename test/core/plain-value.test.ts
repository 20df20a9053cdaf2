// model/plain-value.ts converts plain documents without yaml's toJS; the result must be exactly
// toJS's: same values, same key order, same prototypes, own properties for inherited names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments, type Document } from 'yaml';
import { plainValue } from '../../server/src/core/model/plain-value';
import { nestsDeeperThan } from '../../server/src/core/model/nesting';
import { undecodableReason } from '../../server/src/core/model/undecodable';
import { loadCorpus } from '../fuzz/corpus';
import { makeCase } from '../fuzz/mutations';

const OPTIONS = { version: '1.1', uniqueKeys: true, prettyErrors: false, strict: false, logLevel: 'error' } as const;

/** Everything toJS's result is made of, key order and prototypes included. */
function shape(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return typeof value === 'symbol' ? value.toString() : [typeof value, value];
  const proto = Object.getPrototypeOf(value)?.constructor?.name ?? 'null';
  if (value instanceof Date) return [proto, value.getTime()];
  if (value instanceof Map) return [proto, [...value].map(([k, v]) => [shape(k), shape(v)])];
  if (value instanceof Set) return [proto, [...value].map(shape)];
  if (Array.isArray(value)) return [proto, value.map(shape)];
  return [proto, Object.getOwnPropertyNames(value).map((k) => [k, shape((value as Record<string, unknown>)[k])])];
}

function converted(doc: Document.Parsed, convert: (d: Document.Parsed) => unknown): unknown {
  try {
    return shape(convert(doc));
  } catch (e) {
    return `throws: ${(e as Error).message}`;
  }
}

/** `decodable`: only documents the engine converts (model/parse.ts skips those undecodableReason flags). */
function sameAsToJS(text: string, decodable = false): void {
  for (const doc of parseAllDocuments(text, OPTIONS) as Document.Parsed[]) {
    // A collection used as a key is stringified by toJS, in time that grows fast with its depth.
    const undecodable = undecodableReason(doc);
    // What converts directly is decodable: the engine does not look for undecodable shapes then.
    if (plainValue(doc)) assert.equal(undecodable, undefined, text);
    if (decodable && undecodable) continue;
    assert.deepEqual(
      converted(doc, (d) => (plainValue(d) ?? { value: d.toJS({ maxAliasCount: 1000 }) }).value),
      converted(doc, (d) => d.toJS({ maxAliasCount: 1000 })),
      text,
    );
  }
}

test('plain maps, lists and scalars convert as toJS does', () => {
  sameAsToJS('a: 1\nb: [1, 2.5, "x", null, true]\nc:\n  d: ~\n  e:\n  f: 2001-12-14\n');
  sameAsToJS('1: one\ntrue: yes\nnull: nothing\n~: tilde\n0x10: hex\n.5: half\n');
  sameAsToJS('__proto__: {polluted: true}\nconstructor: x\ntoString: y\nhasOwnProperty: z\n');
  sameAsToJS('a: 1\na: 2\n'); // a duplicate key (an error, but converted)
  sameAsToJS('- - - deep\n- []\n- {}\n- ""\n- |\n  block\n');
  sameAsToJS('');
  sameAsToJS('just a scalar');
  sameAsToJS('- .nan\n- -.inf\n- 1_000\n- 190:20:30\n- 0b101\n');
});

test('what the fast path leaves to yaml still converts as toJS does', () => {
  sameAsToJS('base: &b {x: 1}\nuse: *b\n'); // alias
  sameAsToJS('base: &b {x: 1, y: 2}\nmerged:\n  <<: *b\n  y: 3\n'); // merge key
  sameAsToJS('"<<": quoted\n');
  sameAsToJS('? [a, b]\n: list key\n? {k: v}\n: map key\n'); // collection keys
  sameAsToJS('2001-12-14: date key\n');
  sameAsToJS('- [a: 1, b]\n'); // a pair in a flow sequence
  sameAsToJS('set: !!set {a, b}\nomap: !!omap [{a: 1}, {b: 2}]\npairs: !!pairs [{a: 1}]\n');
  sameAsToJS('bin: !!binary aGVsbG8=\n');
  sameAsToJS('a: &a [*a]\n'); // self-reference
  sameAsToJS(`a: &a ["lol"]\nb: &b [${'*a, '.repeat(20)}*a]\nc: [${'*b, '.repeat(20)}*b]\n`); // alias bomb
});

test('every YAML file of the examples and rule fixtures converts as toJS does', () => {
  const files = loadCorpus();
  assert.ok(files.length > 50, `only ${files.length} files found`);
  for (const file of files) sameAsToJS(file.text);
});

test('1,000 fuzzed manifests (deleted, duplicated and re-indented lines, anchors, tabs…) convert as toJS does', () => {
  const corpus = loadCorpus();
  for (let i = 0; i < 1000; i++) {
    const { text } = makeCase(corpus, 20261130, i);
    // The fuzzer's deepest nesting is for the parser's guard, not for this comparison.
    if (nestsDeeperThan(text)) continue;
    sameAsToJS(text, true);
  }
});
