// Seeded, reproducible mutations of real manifests (issue 9 §3): every case is derived from
// (seed, case index) alone, so `FUZZ_SEED=s FUZZ_ONLY=i` replays one case exactly.

/** A PRNG: `r(n)` returns an integer in [0, n). Linear congruential, like test/core/fuzz.test.ts. */
export type Rng = (n: number) => number;

export function rng(seed: number): Rng {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    // The high bits of an LCG are the random ones.
    return Math.floor((s / 2 ** 32) * n);
  };
}

/** The PRNG of one case: a hash of the run's seed and the case index (splitmix32-style mixing). */
export function caseRng(seed: number, index: number): Rng {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return rng((h ^ (h >>> 16)) >>> 0);
}

const pick = <T>(r: Rng, list: readonly T[]): T => list[r(list.length)];

/** Junk the fuzzer inserts: YAML indicators, document markers, control and odd Unicode characters. */
const TOKENS = [
  '\t', ':', ': ', '-', '- ', '"', "'", '{', '}', '[', ']', ',', '&a ', '*a', '!', '!!str ', '!!binary ', '|', '>', '|-', '?', '? ', '#', ' #',
  '%', '@', '`', '\n', '\r\n', '\r', '  ', '---\n', '...\n', '\u0000', '\u0007', '\u001b[31m', '\uFEFF', '\u200B', '\u202E', '\uFFFD', '\u00e9', '\u{1F600}',
  '<<: *a\n', '~', 'null', 'true', 'yes', '0x1F', '1e400', '-.inf', '.nan', '0o17', '2001-12-14t21:59:43.10-05:00', '\\', '\\u00', '{{ .Values.x }}',
];

/** Whole lines the fuzzer inserts. */
const LINES = [
  '- ', '-', 'key:', 'key: value', '  - name: x', '  nested:', '    deeper: 1', '---', '...', '? complex key', ': orphan value', '!!binary |', '%YAML 1.2', '%TAG ! tag:example.com,2000:',
  '<<: *a', '<<: [*a, *b]', '{', '}', '[', '`', '@', '# comment', 'kind: Deployment', 'apiVersion: v1', 'apiVersion: apps/v1', 'metadata:', '  name: fuzz', 'spec:',
  '  containers:', '  - image: nginx', 'items:', 'data: {a: 1, b: [2, 3]}', 'a: &a {x: 1}', 'b: *a', 'c: *undefined', '\t- tab', 'key: "unterminated', "key: 'unterminated",
  'key: |', '  block', 'key: >-', '    folded', 'ports: [{containerPort: 80, name: http}]', 'replicas: -1', 'replicas: 1e9', 'image: ""', 'name: UPPER_case!',
];

/** Values that replace a scalar: other types, empty, huge, odd. */
const VALUES = ['', '~', 'null', '0', '-1', '3.5', 'true', 'yes', 'no', 'on', '[]', '{}', '[a, b]', '{a: 1}', '"x"', "'x'", '*a', '&a v', '!!int x', '1e400', '"\\ud800"', 'x'.repeat(300)];

const KINDS = ['Deployment', 'Pod', 'Service', 'ConfigMap', 'Secret', 'StatefulSet', 'CronJob', 'Job', 'Ingress', 'List', 'CustomResourceDefinition', 'Widget', 'Role', 'HorizontalPodAutoscaler', ''];
const API_VERSIONS = ['v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'extensions/v1beta1', 'apiextensions.k8s.io/v1', 'example.com/v1', 'v2', '/', ''];

/** Lone surrogates: what invalid UTF-8 can become on the way in (the LSP fuzz sends U+DCFF as a raw 0xFF byte). */
export const RAW_BYTE_MARK = '\uDCFF';
const INVALID = [RAW_BYTE_MARK, '\uD800', '\uDFFF', '\uD83D', '\uFFFD', '\uFFFE', '\uFFFF', '\u0000', '\u0085', '\u2028', '\u2029'];

const insertAt = (t: string, i: number, s: string) => t.slice(0, i) + s + t.slice(i);
const lines = (t: string) => t.split('\n');

export interface Mutation {
  name: string;
  apply(t: string, r: Rng): string;
}

export const MUTATIONS: readonly Mutation[] = [
  { name: 'delete-chars', apply: (t, r) => { const i = r(t.length + 1); return t.slice(0, i) + t.slice(i + 1 + r(8)); } },
  { name: 'insert-chars', apply: (t, r) => insertAt(t, r(t.length + 1), pick(r, TOKENS)) },
  { name: 'duplicate-chars', apply: (t, r) => { const i = r(t.length + 1); return insertAt(t, i, t.slice(i, i + 1 + r(40)).repeat(1 + r(3))); } },
  { name: 'delete-lines', apply: (t, r) => { const l = lines(t); l.splice(r(l.length), 1 + r(3)); return l.join('\n'); } },
  { name: 'insert-lines', apply: (t, r) => { const l = lines(t); const indent = ' '.repeat(2 * r(5)); l.splice(r(l.length + 1), 0, ...Array.from({ length: 1 + r(3) }, () => indent + pick(r, LINES))); return l.join('\n'); } },
  { name: 'duplicate-lines', apply: (t, r) => { const l = lines(t); const from = r(l.length); l.splice(r(l.length + 1), 0, ...l.slice(from, from + 1 + r(6))); return l.join('\n'); } },
  {
    name: 'tabs',
    apply: (t, r) => {
      const mode = r(3);
      if (mode === 0) return t.replace(/^( {2})+/gm, (s) => (r(4) === 0 ? '\t'.repeat(s.length / 2) : s)); // tab indentation
      if (mode === 1) return t.replace(/: /g, (s) => (r(5) === 0 ? ':\t' : s)); // tab after a colon
      return insertAt(t, r(t.length + 1), '\t'.repeat(1 + r(4)));
    },
  },
  { name: 'truncate', apply: (t, r) => t.slice(0, r(t.length + 1)) },
  { name: 'random-indentation', apply: (t, r) => lines(t).map((l) => (r(5) === 0 ? ' '.repeat(r(9)) + l.trimStart() : l)).join('\n') },
  {
    name: 'anchors-aliases',
    apply: (t, r) => {
      const l = lines(t);
      const names = ['a', 'b', 'x', 'undefined'];
      for (let k = 0; k < 1 + r(4); k++) {
        const i = r(l.length);
        const name = pick(r, names);
        const m = /^(\s*-?\s*[^:#]+:)(\s*)(.*)$/.exec(l[i]);
        if (!m) continue;
        const choice = r(4);
        if (choice === 0) l[i] = `${m[1]} &${name} ${m[3]}`; // anchor a value
        else if (choice === 1) l[i] = `${m[1]} *${name}`; // alias (maybe undefined)
        else if (choice === 2) l.splice(i + 1, 0, `${/^\s*/.exec(l[i])![0]}  <<: *${name}`); // merge key
        else l[i] = `${m[1]} &${name} [*${name}, x]`; // an alias to itself
      }
      return l.join('\n');
    },
  },
  {
    name: 'alias-bomb',
    apply: (t, r) => {
      const levels = 3 + r(7);
      const width = 4 + r(6);
      const bomb = [`l0: &l0 [${Array(width).fill('"lol"').join(', ')}]`];
      for (let k = 1; k < levels; k++) bomb.push(`l${k}: &l${k} [${Array(width).fill(`*l${k - 1}`).join(', ')}]`);
      const where = r(3);
      if (where === 0) return `${bomb.join('\n')}\n---\n${t}`; // a document of its own
      if (where === 1) return `${t}\n${bomb.join('\n')}\n`; // keys of the last object
      return t.replace(/^metadata:/m, `metadata:\n  annotations:\n${bomb.map((b) => `    ${b}`).join('\n')}`); // inside a manifest
    },
  },
  {
    name: 'deep-nesting',
    apply: (t, r) => {
      const depth = pick(r, [500, 2000, 10_000]);
      const closed = r(3) !== 0;
      const nests = [
        () => '['.repeat(depth) + (closed ? ']'.repeat(depth) : ''),
        () => '{a: '.repeat(depth) + '1' + (closed ? '}'.repeat(depth) : ''),
        () => `${'- '.repeat(depth)}x`, // block sequences nested 10,000 deep on one line
        () => '[{'.repeat(depth / 2) + (closed ? '}]'.repeat(depth / 2) : ''),
        () => Array.from({ length: Math.min(depth, 600) }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n'), // block maps (indentation limits depth)
      ];
      const nest = pick(r, nests)();
      const where = r(3);
      if (where === 0) return `${nest}\n${t}`;
      if (where === 1) return `${t}\n${nest}\n`;
      return t.replace(/^(\s*)(image|name|value|data):.*$/m, (_, indent: string, key: string) => `${indent}${key}: ${nest.split('\n')[0]}`);
    },
  },
  {
    name: 'huge-scalar',
    apply: (t, r) => {
      const size = pick(r, [10_000, 10_000, 100_000, 100_000, 1_000_000]);
      const kind = r(4);
      const scalar =
        kind === 0 ? 'x'.repeat(size)
        : kind === 1 ? `"${'\\u00e9 '.repeat(size / 7)}"`
        : kind === 2 ? `|\n${`    ${'y'.repeat(79)}\n`.repeat(size / 84)}`
        : `'${"it''s ".repeat(size / 7)}'`;
      const key = pick(r, ['name', 'image', 'value', 'data', 'command', 'kind']);
      return t.includes(`${key}:`) ? t.replace(`${key}:`, `${key}: ${scalar}`) : `${t}\nhuge: ${scalar}\n`;
    },
  },
  {
    name: 'invalid-utf8',
    apply: (t, r) => {
      let out = t;
      for (let k = 0; k < 1 + r(6); k++) {
        const i = r(out.length + 1);
        // Also split surrogate pairs that are already in the text.
        out = r(4) === 0 ? out.slice(0, i) + out.slice(i + 1) : insertAt(out, i, pick(r, INVALID).repeat(1 + r(3)));
      }
      return r(3) === 0 ? `${RAW_BYTE_MARK}${out}` : out;
    },
  },
  { name: 'document-markers', apply: (t, r) => { const l = lines(t); l.splice(r(l.length + 1), 0, pick(r, ['---', '...', '--- !!map', '--- |', '%YAML 1.1\n---', '--- # c', '---x', ' ---'])); return l.join('\n'); } },
  {
    name: 'replace-value',
    apply: (t, r) => {
      const l = lines(t);
      for (let k = 0; k < 1 + r(3); k++) {
        const i = r(l.length);
        l[i] = l[i].replace(/^(\s*-?\s*[^:#\s][^:#]*:)\s.*$/, (_, key: string) => `${key} ${pick(r, VALUES)}`);
      }
      return l.join('\n');
    },
  },
  {
    name: 'swap-kind',
    apply: (t, r) => (r(2) === 0 ? t.replace(/^kind:.*$/m, `kind: ${pick(r, KINDS)}`) : t.replace(/^apiVersion:.*$/m, `apiVersion: ${pick(r, API_VERSIONS)}`)),
  },
  { name: 'line-endings', apply: (t, r) => (r(2) === 0 ? t.replace(/\n/g, '\r\n') : t.replace(/\n/g, (s) => pick(r, [s, s, '\r\n', '\r']))) },
];

export interface FuzzCase {
  index: number;
  /** The corpus file the case started from. */
  base: string;
  mutations: string[];
  text: string;
  /** A second file for the workspace (references, duplicates). */
  other: string;
  /** The case's PRNG, positioned after generation: drivers draw offsets and edits from it. */
  r: Rng;
}

/** Case `index` of the run with `seed`: a corpus file with 1–3 mutations. */
export function makeCase(corpus: readonly { path: string; text: string }[], seed: number, index: number): FuzzCase {
  const r = caseRng(seed, index);
  const base = corpus[r(corpus.length)];
  let text = base.text;
  const applied: string[] = [];
  for (let m = 0, n = 1 + r(3); m < n; m++) {
    const mutation = MUTATIONS[r(MUTATIONS.length)];
    text = mutation.apply(text, r);
    applied.push(mutation.name);
  }
  return { index, base: base.path, mutations: applied, text, other: corpus[r(corpus.length)].text, r };
}

/** A random edit of `text` (the kind a user makes while typing or pasting): [start, end) → insert. */
export function randomEdit(text: string, r: Rng): { start: number; end: number; insert: string } {
  const start = r(text.length + 1);
  const kind = r(6);
  if (kind === 0) return { start, end: start, insert: pick(r, TOKENS) }; // type a character
  if (kind === 1) return { start, end: Math.min(text.length, start + 1 + r(20)), insert: '' }; // delete
  if (kind === 2) return { start, end: start, insert: `\n${' '.repeat(2 * r(4))}${pick(r, LINES)}` }; // a new line
  if (kind === 3) { const from = r(text.length + 1); return { start, end: start, insert: text.slice(from, from + r(200)) }; } // paste
  if (kind === 4) return { start, end: Math.min(text.length, start + r(10)), insert: pick(r, VALUES) }; // replace
  return { start, end: start, insert: pick(r, INVALID) };
}
