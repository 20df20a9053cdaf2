import { Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { MANIFEST_PARSE_OPTIONS, MANIFEST_SCHEMA } from '../../shared/manifest-yaml';

/**
 * The YAML text of a plain value together with the nodes a parse of that text gives, made in one
 * pass: the built workspace (features/built-workspace.ts) checks twenty overlays' objects, and
 * printing each changed object only to parse it again was ~2.5 ms per object. The text is block
 * style, two-space indent, one line per scalar; a string is plain only when it can be nothing but
 * that string (a letter, then letters, digits, `.`, `_`, `/`, `-`, and no YAML 1.1 boolean or
 * null word), otherwise double-quoted with JSON's escapes, which YAML reads alike. A value outside
 * that subset (a character beyond ASCII, a number JSON writes with an exponent, `-0`, anything
 * not JSON) gives undefined: the caller prints and parses it as before. Tests compare the nodes
 * with yaml's parse of the text, property by property.
 */
export interface ValueText {
  text: string;
  /** The document a parse of `prefix + text` gives, its ranges moved by `base` (prefix: '' or the `---\n` line of a later chunk). */
  document(prefix: string, base?: number): Document.Parsed;
}

const WORDS = new Set(['y', 'yes', 'n', 'no', 'true', 'false', 'on', 'off', 'null']);
const PLAIN = /^[A-Za-z][\w./-]*$/;
const ASCII = /^[\x20-\x7e\n\t]*$/;

class NotPlain extends Error {}

export function valueText(value: unknown): ValueText | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length === 0) return undefined;
  let first: Emitted | undefined;
  try {
    first = emit(value, 0, 0);
  } catch (e) {
    if (e instanceof NotPlain) return undefined;
    throw e;
  }
  const { text } = first;
  return {
    text,
    document(prefix, base = 0) {
      const doc = new Document(undefined, MANIFEST_PARSE_OPTIONS) as Document.Parsed;
      if (prefix !== '') doc.directives.docStart = true;
      // The nodes written with the text serve the first document; a document is owned by one file, so another gets nodes of its own.
      let contents: Node;
      if (first) {
        contents = first.node;
        first = undefined;
        shift(contents, base + prefix.length);
      } else contents = emit(value, 0, base + prefix.length).node;
      doc.contents = contents as Document.Parsed['contents'];
      const end = base + prefix.length + text.length;
      doc.range = [base, end, end];
      return doc;
    },
  };
}

interface Emitted {
  text: string;
  node: Node;
}

/** A block collection (a non-empty map or list) at `indent`, its first line starting at `at` (after any `- ` or key written before it). */
function emit(value: object, indent: number, at: number): Emitted {
  return Array.isArray(value) ? emitSeq(value, indent, at) : emitMap(value as Record<string, unknown>, indent, at);
}

function emitMap(value: Record<string, unknown>, indent: number, at: number): Emitted {
  const map = new YAMLMap(MANIFEST_SCHEMA);
  const pad = ' '.repeat(indent);
  let text = '';
  for (const [k, v] of Object.entries(value)) {
    if (text !== '') text += pad;
    const key = scalar(k, at + text.length, false);
    text += `${key.text}:`;
    const item = emitValue(v, indent + 2, at + text.length);
    text += item.text;
    map.items.push(new Pair(key.node, item.node));
  }
  map.range = [at, at + text.length, at + text.length];
  return { text, node: map };
}

function emitSeq(value: unknown[], indent: number, at: number): Emitted {
  const seq = new YAMLSeq(MANIFEST_SCHEMA);
  const pad = ' '.repeat(indent);
  let text = '';
  for (const v of value) {
    if (text !== '') text += pad;
    text += '- ';
    const item = isBlock(v) ? emit(v as object, indent + 2, at + text.length) : endOfLine(v, at + text.length);
    text += item.text;
    seq.items.push(item.node);
  }
  seq.range = [at, at + text.length, at + text.length];
  return { text, node: seq };
}

/** What follows a map key's colon: ` scalar\n`, or a newline and the block collection indented under it (a list under a key is indented too). */
function emitValue(v: unknown, indent: number, at: number): Emitted {
  if (!isBlock(v)) {
    const item = endOfLine(v, at + 1);
    return { text: ` ${item.text}`, node: item.node };
  }
  const head = `\n${' '.repeat(indent)}`;
  const item = emit(v as object, indent, at + head.length);
  return { text: head + item.text, node: item.node };
}

/** A scalar or an empty collection (`{}`, `[]`, flow style) ending its line. */
function endOfLine(v: unknown, at: number): Emitted {
  if (v && typeof v === 'object') {
    const node = Array.isArray(v) ? new YAMLSeq(MANIFEST_SCHEMA) : new YAMLMap(MANIFEST_SCHEMA);
    node.flow = true;
    node.range = [at, at + 2, at + 3];
    return { text: Array.isArray(v) ? '[]\n' : '{}\n', node };
  }
  const s = scalar(v, at, true);
  return { text: `${s.text}\n`, node: s.node };
}

function shift(node: Node, by: number): void {
  if (by === 0) return;
  const range = node.range!;
  range[0] += by;
  range[1] += by;
  range[2] += by;
  if (node instanceof Scalar) return;
  for (const item of (node as YAMLMap | YAMLSeq).items) {
    if (item instanceof Pair) {
      shift(item.key as Node, by);
      shift(item.value as Node, by);
    } else shift(item as Node, by);
  }
}

function isBlock(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  if (Object.getPrototypeOf(v) !== Object.prototype && !Array.isArray(v)) throw new NotPlain();
  return Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0;
}

function scalar(v: unknown, at: number, endsLine: boolean): { text: string; node: Scalar } {
  let text: string;
  let type: Scalar.Type = 'PLAIN';
  if (v === null) text = 'null';
  else if (typeof v === 'boolean') text = String(v);
  else if (typeof v === 'number') {
    text = String(v);
    if (!Number.isFinite(v) || Object.is(v, -0) || /e/i.test(text) || (!Number.isInteger(v) && !text.includes('.'))) throw new NotPlain();
  } else if (typeof v === 'string') {
    if (!ASCII.test(v)) throw new NotPlain();
    if (PLAIN.test(v) && !WORDS.has(v.toLowerCase())) text = v;
    else {
      text = JSON.stringify(v);
      type = 'QUOTE_DOUBLE';
    }
  } else throw new NotPlain();
  const node = new Scalar(v);
  node.range = [at, at + text.length, at + text.length + (endsLine ? 1 : 0)];
  node.source = typeof v === 'string' ? v : text;
  node.type = type;
  return { text, node };
}
