// parseFile resolves plain scalars through a fast path for ones that can only be strings
// (shared/manifest-yaml.ts, withPlainStringsFirst). It must resolve every scalar exactly as yaml's
// own YAML 1.1 schema does (without the timestamp and sexagesimal tags, which go-yaml v2 under the
// API server does not have either): same JS value, same type, as keys and as values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isScalar, parseAllDocuments, visit } from 'yaml';
import { parseFile } from '../../server/src/core/model/parse';
import { MANIFEST_REFERENCE_SCHEMA } from '../../server/src/shared/manifest-yaml';
import { loadCorpus } from '../fuzz/corpus';
import { relaxQuoteIndentation } from '../../server/src/core/model/quote-indent';

const REFERENCE = { version: '1.1', schema: MANIFEST_REFERENCE_SCHEMA, uniqueKeys: true, prettyErrors: false, strict: false, logLevel: 'error' } as const;

/** Every scalar of every document, as [source, resolved value, its type]. */
function scalars(docs: { contents: unknown }[]): [string, unknown, string][] {
  const out: [string, unknown, string][] = [];
  for (const doc of docs) {
    visit(doc as Parameters<typeof visit>[0], {
      Scalar: (_, node) => {
        // The merge key `<<` resolves to a new Symbol each time: compared by its description.
        if (isScalar(node)) out.push([String(node.source), typeof node.value === 'symbol' ? node.value.toString() : node.value, Object.prototype.toString.call(node.value)]);
      },
    });
  }
  return out;
}

function plain(doc: { toJS(): unknown }): unknown {
  try {
    return doc.toJS();
  } catch (e) {
    return `not convertible: ${(e as Error).message}`;
  }
}

function sameAsReference(text: string): void {
  const ours = parseFile(text).documents.map((d) => d.doc);
  // A quoted scalar under-indented as go-yaml allows is read from the relaxed copy (quote-indent.ts).
  const refused = parseAllDocuments(text, REFERENCE).some((d) => d.errors.length > 0);
  const readable = refused ? (relaxQuoteIndentation(text)?.text ?? text) : text;
  const reference = parseAllDocuments(readable, REFERENCE) as unknown as { contents: unknown; toJS(): unknown }[];
  assert.deepEqual(scalars(ours), scalars(reference));
  assert.deepEqual(ours.map(plain), reference.map(plain));
}

// Every first character, and the words YAML 1.1 gives another type.
const WORDS = [
  ...Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i) + 'x1'),
  ...'y Y yes Yes YES n N no No NO true True TRUE false False FALSE on On ON off Off OFF null Null NULL ~'.split(' '),
  ...'.inf -.Inf +.INF .nan .NaN .NAN 1e3 -1.5 0x1F 0b101 017 1_000 190:20:30 2001-12-14 2001-12-14t21:59:43.10-05:00 << = a b z A Z nginx Nope Yesterday offset tree ~x'.split(' '),
];

test('plain scalars resolve as in YAML 1.1, as values and as keys', () => {
  const quoted = WORDS.filter((w) => !/^[!&*|>'"%@`#,[\]{}:?-]/.test(w));
  sameAsReference(quoted.map((w, i) => `k${i}: ${w}`).join('\n'));
  sameAsReference(quoted.map((w, i) => `${w}: v${i}`).join('\n'));
  sameAsReference(`- ${quoted.join('\n- ')}`);
  sameAsReference(`[${quoted.join(', ')}]`);
});

test('every YAML file of the examples and rule fixtures resolves as in YAML 1.1', () => {
  // A Helm template fixture is skipped whole (no documents to compare; test/core/templates.test.ts).
  const files = loadCorpus().filter((f) => !parseFile(f.text).skipped);
  assert.ok(files.length > 50, `only ${files.length} files found`);
  for (const file of files) sameAsReference(file.text);
});

test('every document shares one schema, and parsing explicit tags does not change it', () => {
  const first = parseFile('a: 1\n---\nb: 2\n').documents.map((d) => d.doc.schema);
  assert.equal(first[0], first[1]);
  const tags = first[0].tags.length;
  const tagged = '- !!binary aGVsbG8=\n- !!set {a, b}\n- !!omap [{a: 1}]\n- !!pairs [{a: 1}]\n- !!timestamp 2001-12-14\n- !!float 1\n- !!str 2\n- !custom x\n- !!map {a: 1}\n- !!seq [1]\n- !<tag:yaml.org,2002:int> 3\n';
  const again = parseFile(tagged).documents[0].doc.schema;
  assert.equal(again, first[0]);
  assert.equal(again.tags.length, tags);
  sameAsReference(tagged);
});
