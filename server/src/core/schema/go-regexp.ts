/**
 * CRD `pattern`s are Go (RE2) regular expressions; ajv compiles them as JavaScript ones with the
 * `u` flag. This translates a Go pattern into a JavaScript source with the same meaning, or says
 * why it cannot: a pattern we could not translate faithfully must not be checked at all (a false
 * "must match" error is worse than a missed one).
 *
 * Exact on purpose: `.` is `[^\n]` (JavaScript's also excludes `\r`), `\s` is Go's
 * `[\t\n\f\r ]`, `\z` is `$`, `(?i)` expands letters into their case-fold orbits (Go folds `k` with
 * the Kelvin sign and `s` with the long s), `(?m)`/`(?s)` become lookarounds and classes.
 */
export type GoTranslation = { ok: true; source: string } | { ok: false; reason: string };

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
}

class Unsupported extends Error {}

const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));
const GO_SPACE = '\\t\\n\\f\\r ';
const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

export function goPatternToJs(pattern: string): GoTranslation {
  let source: string;
  try {
    source = new Translator(pattern).run();
  } catch (e) {
    if (e instanceof Unsupported) return { ok: false, reason: e.message };
    throw e;
  }
  try {
    new RegExp(source, 'u');
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
  return { ok: true, source };
}

class Translator {
  private pos = 0;
  private out = '';
  private readonly stack: Flags[] = [];
  private flags: Flags = { i: false, m: false, s: false };

  constructor(private readonly p: string) {}

  run(): string {
    while (this.pos < this.p.length) this.step();
    if (this.stack.length) throw new Unsupported('missing closing )');
    return this.out;
  }

  private step(): void {
    const c = this.p[this.pos];
    if (c === '\\') return this.escape();
    if (c === '[') return this.charClass();
    if (c === '(') return this.openGroup();
    const ch = String.fromCodePoint(this.p.codePointAt(this.pos)!);
    this.pos += ch.length;
    if (c === ')') {
      if (!this.stack.length) throw new Unsupported('unexpected )');
      this.flags = this.stack.pop()!;
      this.out += ')';
    } else if (c === '.') this.out += this.flags.s ? '[^]' : '[^\\n]';
    else if (c === '^') this.out += this.flags.m ? '(?<![^\\n])' : '^';
    else if (c === '$') this.out += this.flags.m ? '(?![^\\n])' : '$';
    else if (c === '{') this.brace();
    else if (c === '*' || c === '+' || c === '?' || c === '|') this.out += c;
    else this.literal(ch);
  }

  /** `{n}`, `{n,}`, `{n,m}` repeat; any other `{` is a literal in Go (and a syntax error in JS `u` mode). */
  private brace(): void {
    const m = /^(\d+)(,(\d*))?\}/.exec(this.p.slice(this.pos));
    if (!m) return this.literal('{');
    this.out += `{${m[0]}`;
    this.pos += m[0].length;
  }

  private openGroup(): void {
    const rest = this.p.slice(this.pos);
    this.stack.push(this.flags);
    const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
    if (named) {
      this.out += `(?<${named[1]}>`;
      this.pos += named[0].length;
      return;
    }
    const flagged = /^\(\?([imsU]*)(?:-([imsU]*))?([:)])/.exec(rest);
    if (!flagged) {
      if (rest.startsWith('(?')) throw new Unsupported(`unsupported group ${rest.slice(0, 4)}`);
      this.out += '(';
      this.pos++;
      return;
    }
    const [all, on, off = '', end] = flagged;
    if ((on + off).includes('U')) throw new Unsupported('ungreedy flag (?U)');
    const flags = { ...this.flags };
    for (const f of on) flags[f as keyof Flags] = true;
    for (const f of off) flags[f as keyof Flags] = false;
    this.pos += all.length;
    if (end === ':') {
      this.flags = flags;
      this.out += '(?:';
      return;
    }
    // `(?i)` changes the flags until the end of the enclosing group.
    this.stack.pop();
    this.flags = flags;
  }

  /** One literal character (the caller has moved past it). */
  private literal(ch: string): void {
    const cp = ch.codePointAt(0)!;
    if (this.flags.i && hasCase(cp)) this.out += `[${foldOrbit(cp).map(classChar).join('')}]`;
    else this.out += SYNTAX.has(ch) ? `\\${ch}` : ch;
  }

  private escape(): void {
    const e = this.p[this.pos + 1];
    if (e === undefined) throw new Unsupported('trailing backslash');
    this.pos += 2;
    const cls = this.perlClass(e, false);
    if (cls !== undefined) return void (this.out += cls);
    if (e === 'z') this.out += '$';
    else if (e === 'A') this.out += '^';
    else if (e === 'b' || e === 'B') this.out += `\\${e}`;
    else if (e === 'Q') this.quoted();
    else this.literal(this.escapedChar(e));
  }

  /** `\Q...\E`: literal text. */
  private quoted(): void {
    const end = this.p.indexOf('\\E', this.pos);
    const text = this.p.slice(this.pos, end < 0 ? undefined : end);
    this.pos = end < 0 ? this.p.length : end + 2;
    for (const ch of text) this.literal(ch);
  }

  /** The character an escape stands for (after the backslash and `e`); classes are handled before. */
  private escapedChar(e: string): string {
    const simple: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v', a: '\x07' };
    if (simple[e]) return simple[e];
    if (e === 'x') {
      const m = /^(?:\{([0-9A-Fa-f]{1,6})\}|([0-9A-Fa-f]{2}))/.exec(this.p.slice(this.pos));
      if (!m) throw new Unsupported('bad \\x escape');
      this.pos += m[0].length;
      return String.fromCodePoint(parseInt(m[1] ?? m[2], 16));
    }
    if (/[A-Za-z0-9]/.test(e)) throw new Unsupported(`escape \\${e}`);
    return e; // Go allows escaping any punctuation
  }

  /** `\d \w \s \pL \p{Greek}` and negations, as JS source; undefined for other escapes. */
  private perlClass(e: string, inClass: boolean): string | undefined {
    if (e === 'd') return inClass ? '0-9' : '[0-9]';
    if (e === 's') return inClass ? GO_SPACE : `[${GO_SPACE}]`;
    if (e === 'w') return inClass ? this.wordChars() : `[${this.wordChars()}]`;
    if (e === 'D' || e === 'S' || e === 'W') {
      if (inClass) throw new Unsupported(`\\${e} inside a character class`);
      if (e === 'W' && this.flags.i) throw new Unsupported('\\W with (?i)');
      return e === 'D' ? '[^0-9]' : e === 'S' ? `[^${GO_SPACE}]` : '[^0-9A-Za-z_]';
    }
    if (e === 'p' || e === 'P') {
      const m = /^(?:\{(\^?)([A-Za-z_]+)\}|([A-Za-z]))/.exec(this.p.slice(this.pos));
      if (!m) throw new Unsupported(`bad \\${e} escape`);
      if (this.flags.i) throw new Unsupported(`\\${e} with (?i)`);
      this.pos += m[0].length;
      const name = m[2] ?? m[3];
      const negated = (e === 'P') !== (m[1] === '^');
      const js = /^[A-Z][a-z]?$/.test(name) ? name : name === 'Any' ? 'Any' : `Script=${name}`;
      return `\\${negated ? 'P' : 'p'}{${js}}`;
    }
    return undefined;
  }

  private wordChars(): string {
    return this.flags.i ? '0-9A-Za-z_\\u017F\\u212A' : '0-9A-Za-z_';
  }

  private charClass(): void {
    this.pos++;
    let negated = false;
    if (this.p[this.pos] === '^') {
      negated = true;
      this.pos++;
    }
    const parts: string[] = [];
    let first = true;
    while (this.pos < this.p.length && (this.p[this.pos] !== ']' || first)) {
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.p.slice(this.pos));
      if (posix) {
        if (posix[1] || !POSIX[posix[2]]) throw new Unsupported(`class [:${posix[1]}${posix[2]}:]`);
        if (this.flags.i && /[A-Za-z]/.test(POSIX[posix[2]])) throw new Unsupported('POSIX class with (?i)');
        parts.push(POSIX[posix[2]]);
        this.pos += posix[0].length;
        continue;
      }
      const lo = this.classAtom(parts);
      if (lo === undefined) continue;
      if (this.p[this.pos] === '-' && this.p[this.pos + 1] !== ']' && this.pos + 1 < this.p.length) {
        this.pos++;
        const hi = this.classAtom(parts);
        if (hi === undefined) throw new Unsupported('range ending in a class');
        parts.push(this.range(lo, hi));
      } else parts.push(this.range(lo, lo));
    }
    if (this.p[this.pos] !== ']') throw new Unsupported('missing closing ]');
    this.pos++;
    this.out += `[${negated ? '^' : ''}${parts.join('')}]`;
  }

  /** One code point of a class, or undefined when it was a class escape (pushed to `parts`). */
  private classAtom(parts: string[]): number | undefined {
    const c = this.p[this.pos];
    if (c !== '\\') {
      const cp = this.p.codePointAt(this.pos)!;
      this.pos += String.fromCodePoint(cp).length;
      return cp;
    }
    const e = this.p[this.pos + 1];
    if (e === undefined) throw new Unsupported('trailing backslash');
    this.pos += 2;
    const cls = this.perlClass(e, true);
    if (cls !== undefined) {
      parts.push(cls);
      return undefined;
    }
    if (e === 'b' || e === 'Q' || e === 'z' || e === 'A') throw new Unsupported(`\\${e} inside a character class`);
    return this.escapedChar(e).codePointAt(0)!;
  }

  private range(lo: number, hi: number): string {
    if (hi < lo) throw new Unsupported('invalid character class range');
    const plain = lo === hi ? classChar(lo) : `${classChar(lo)}-${classChar(hi)}`;
    if (!this.flags.i) return plain;
    // Case-insensitive: add the other cases of every letter of the range (ASCII only, see hasCase).
    const extra = new Set<number>();
    for (let cp = lo; cp <= hi && cp <= 0x212a; cp++) {
      if (cp > 0x7f && cp !== 0x17f && cp !== 0x212a) {
        if (hasUnicodeCase(cp)) throw new Unsupported('non-ASCII letters with (?i)');
        continue;
      }
      for (const o of foldOrbit(cp)) if (o < lo || o > hi) extra.add(o);
    }
    if (hi > 0x212a && lo <= 0x10ffff && hasUnicodeCaseIn(Math.max(lo, 0x212b), hi)) throw new Unsupported('non-ASCII letters with (?i)');
    return plain + [...extra].map(classChar).join('');
  }
}

function hasCase(cp: number): boolean {
  if (cp > 0x7f) {
    if (cp === 0x17f || cp === 0x212a) return true;
    if (hasUnicodeCase(cp)) throw new Unsupported('non-ASCII letters with (?i)');
    return false;
  }
  return /[A-Za-z]/.test(String.fromCharCode(cp));
}

function hasUnicodeCase(cp: number): boolean {
  const ch = String.fromCodePoint(cp);
  return ch.toLowerCase() !== ch || ch.toUpperCase() !== ch;
}

function hasUnicodeCaseIn(lo: number, hi: number): boolean {
  // Cased letters end below U+1E944; scanning beyond is pointless.
  for (let cp = lo; cp <= Math.min(hi, 0x1e943); cp++) if (hasUnicodeCase(cp)) return true;
  return false;
}

/** Go's simple case-fold orbit of an ASCII letter (k and s have a third member). */
function foldOrbit(cp: number): number[] {
  const ch = String.fromCodePoint(cp).toLowerCase();
  if (ch === 'k' || cp === 0x212a) return [0x4b, 0x6b, 0x212a];
  if (ch === 's' || cp === 0x17f) return [0x53, 0x73, 0x17f];
  if (!/[a-z]/.test(ch)) return [cp];
  return [ch.toUpperCase().charCodeAt(0), ch.charCodeAt(0)];
}

/** A code point as a character-class member in JS `u` mode. */
function classChar(cp: number): string {
  const ch = String.fromCodePoint(cp);
  if ('\\]^-['.includes(ch)) return `\\${ch}`;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029) return `\\u{${cp.toString(16)}}`;
  return ch;
}

/** A `pattern` keyword left out of a schema because it has no faithful JavaScript translation. */
export interface DroppedPattern {
  /** Field path in the objects the schema validates, e.g. `spec.rules[*].name`. */
  field: string;
  pattern: string;
  reason: string;
}

/** Beside a translated `pattern`: the CRD's own text of it. */
export const GO_PATTERN = 'x-kubesight-go-pattern';

/** Keywords whose values are data, not schemas: a `pattern` inside them is not a keyword. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'example', 'examples', 'x-kubernetes-validations']);

/**
 * A copy of a JSON Schema whose Go `pattern`s are JavaScript ones; the untranslatable ones are
 * removed (the rest of the schema still validates) and listed.
 */
export function withJsPatterns(schema: object): { schema: object; dropped: DroppedPattern[] } {
  const dropped: DroppedPattern[] = [];
  const visit = (node: unknown, field: string): unknown => {
    if (Array.isArray(node)) return node.map((n) => visit(n, field));
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') {
        const t = goPatternToJs(value);
        if (t.ok && t.source !== value) {
          out.pattern = t.source;
          // Messages quote the pattern as the CRD wrote it (validate.ts).
          out[GO_PATTERN] = value;
        } else if (t.ok) out.pattern = value;
        else dropped.push({ field: field || '(root)', pattern: value, reason: t.reason });
      } else if (DATA_KEYWORDS.has(key)) out[key] = value;
      else if (key === 'properties' && value && typeof value === 'object') {
        out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, visit(sub, field ? `${field}.${name}` : name)]));
      } else if (key === 'items' || key === 'additionalProperties') out[key] = visit(value, `${field}[*]`);
      else out[key] = visit(value, field);
    }
    return out;
  };
  return { schema: visit(schema, '') as object, dropped };
}
