// valueText (core/model/value-document.ts): the text it writes for a value and the nodes it makes
// alongside must be what yaml's parse of that text gives — same node classes, ranges, scalar
// values, sources and styles — for built objects and for random values with awkward strings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document } from 'yaml';
import { valueText } from '../../server/src/core/model/value-document';
import { decodeManifests, MANIFEST_PARSE_OPTIONS } from '../../server/src/shared/manifest-yaml';
import { buildKustomization } from '../../server/src/core/kustomize/build/build';
import { catalogBuildEnv } from '../../server/src/core/kustomize/build/catalog-env';
import { diskBuildFiles } from '../../server/src/io/kustomize-files';
import { bundledCatalog } from '../../server/src/io/schema-source';

/** Every enumerable property of the two node trees, recursively (the schema and options are shared objects). */
function sameNodes(made: unknown, parsed: unknown, path: string): void {
  if (!made || typeof made !== 'object' || !parsed || typeof parsed !== 'object') return assert.deepEqual(made, parsed, path);
  assert.equal(made.constructor, parsed.constructor, `${path}: class`);
  const keys = (o: object) => Object.keys(o).filter((k) => k !== 'options' && k !== 'schema').sort();
  assert.deepEqual(keys(made), keys(parsed), `${path}: properties`);
  for (const k of keys(made)) sameNodes((made as Record<string, unknown>)[k], (parsed as Record<string, unknown>)[k], `${path}.${k}`);
}

function check(value: unknown): boolean {
  const made = valueText(value);
  if (!made) return false;
  for (const prefix of ['', '---\n']) {
    const docs = parseAllDocuments(prefix + made.text, MANIFEST_PARSE_OPTIONS);
    assert.ok(Array.isArray(docs) && docs.length === 1, 'one document');
    const parsed: Document.Parsed = docs[0];
    assert.deepEqual(parsed.errors, [], made.text);
    // The nodes written with the text (moved to the offset asked for), then nodes made again for a second document of the same text.
    const once = valueText(value)!;
    for (const doc of [once.document(prefix), once.document(prefix)]) {
      sameNodes(doc.contents, parsed.contents, 'contents');
      assert.deepEqual(doc.range, parsed.range, 'document range');
      assert.equal(doc.directives.docStart, parsed.directives.docStart, 'document start marker');
      assert.deepEqual(doc.toJS(), value, 'the nodes hold the value');
    }
    assert.notEqual(once.document(prefix).contents, once.document(prefix).contents, 'each document has nodes of its own');
    assert.deepEqual(parsed.toJS(), value, `the text reads back as the value:\n${made.text}`);
    assert.deepEqual(decodeManifests(prefix + made.text), [value].filter((v) => (v as { kind?: unknown }).kind), 'decoded as kubectl decodes');
  }
  return true;
}

test('valueText: the nodes of every object the oracle fixtures build equal a parse of its text', () => {
  const root = resolve('test/fixtures/kustomize');
  const env = catalogBuildEnv(bundledCatalog(), diskBuildFiles);
  let made = 0;
  for (const name of readdirSync(root).filter((n) => statSync(join(root, n)).isDirectory())) {
    for (const r of buildKustomization(join(root, name), env).resources) if (check(r.value)) made++;
  }
  assert.ok(made > 150, `only ${made} objects made directly`);
});

const STRINGS = ['', ' ', 'a', 'yes', 'No', 'ON', 'y', 'N', 'null', 'Null', '~', 'true', 'False', '0644', '0x1F', '1e3', '.inf', '-.5', '1_000', '12:30', '2024-01-01', 'a b', 'a: b', 'a #b', '#a', '- a', '-a', 'a-', 'a/b.c_d', 'app.kubernetes.io/name', '"q"', "'q'", 'a\\b', 'line\nline', 'tab\tx', ' lead', 'trail ', '*alias', '&anchor', '!tag', '%d', '@x', '`x', '{}', '[]', '? x', '|', '>', 'é', '\u2028', 'nginx:1.25', '<<', '=', '.', '..', '...', '---'];

function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function randomValue(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 3 || r < 0.45) {
    const kinds = [() => STRINGS[Math.floor(next() * STRINGS.length)], () => Math.floor(next() * 2000) - 1000, () => next() * 100 - 50, () => next() < 0.5, () => null, () => -0, () => 1e21, () => 1e-7];
    return kinds[Math.floor(next() * kinds.length)]();
  }
  const n = Math.floor(next() * 4);
  if (r < 0.7) return Array.from({ length: n }, () => randomValue(next, depth + 1));
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [next() < 0.5 ? STRINGS[Math.floor(next() * STRINGS.length)] : `k${i}`, randomValue(next, depth + 1)]));
}

test('valueText: random values with awkward strings and numbers are made equal to a parse, or left to the parse', () => {
  const next = random(7);
  let made = 0;
  let left = 0;
  for (let i = 0; i < 3000; i++) {
    const value = { apiVersion: 'v1', kind: 'ConfigMap', data: randomValue(next, 0) };
    if (check(value)) made++;
    else left++;
  }
  assert.ok(made > 1000 && left > 100, `made ${made}, left ${left}`);
});

test('valueText: leaves out what it does not write (non-ASCII, exponents, -0, non-JSON values)', () => {
  for (const data of ['é', 1e21, 1e-7, -0, Number.NaN, undefined, new Date(0), () => 1]) assert.equal(valueText({ kind: 'X', data }), undefined, String(data));
  assert.equal(valueText({}), undefined);
  assert.ok(isMap(valueText({ a: [{ b: 1 }] })!.document('').contents));
  const doc = valueText({ a: [{ b: 'x y' }, []] })!.document('');
  const seq = (doc.contents as { items: { value: unknown }[] }).items[0].value;
  assert.ok(isSeq(seq) && isPair((seq.items[0] as { items: unknown[] }).items[0]) && isScalar(seq.items[0]) === false);
});
