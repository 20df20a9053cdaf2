/**
 * Deepest nesting a document may have to be given to the yaml parser. yaml recurses per level and
 * runs out of stack at ~900 levels; worse, a regular expression compiled for the first time that
 * deep makes V8 abort the whole process ("RegExpCompiler Allocation failed", found by fuzzing:
 * 10,000 `[` killed a fresh language server). Kubernetes manifests nest a few dozen levels.
 */
export const MAX_NESTING = 500;

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const HASH = 35;
const DASH = 45;
const QUESTION = 63;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const OPEN_SQUARE = 91;
const OPEN_CURLY = 123;
const CLOSE_SQUARE = 93;
const CLOSE_CURLY = 125;
const COMMA = 44;
const COLON = 58;
const PIPE = 124;
const GREATER = 62;

const isSpace = (c: number) => c === SPACE || c === TAB;

/**
 * Whether `text` may nest deeper than `limit`: block levels (indentation and compact `- `, `? `
 * indicators) plus open flow collections. An estimate on the safe side: quoted strings, comments
 * and block scalars are skipped, and a bracket counts wherever a flow collection can start.
 */
export function nestsDeeperThan(text: string, limit = MAX_NESTING): boolean {
  return nestingBound(text) > limit && estimateExceeds(text, limit);
}

/** The estimate itself (exported for the test that checks nestingBound never undercuts it). */
export function estimateExceeds(text: string, limit: number): boolean {
  const indents: number[] = [];
  let flow = 0;
  let blockScalarIndent = -1; // inside a block scalar: lines indented more than this are its content
  let quote = 0; // an open quoted scalar (possibly spanning lines): its quote character
  let i = 0;
  while (i < text.length) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = text.length;
    let col = i;
    while (col < end && text.charCodeAt(col) === SPACE) col++;
    const indent = col - i;
    const first = text.charCodeAt(col);
    const blank = col >= end || first === HASH || first === CR;
    if (blockScalarIndent >= 0 && (blank || indent > blockScalarIndent)) {
      i = end + 1;
      continue;
    }
    blockScalarIndent = -1;
    if (!blank && !quote && flow === 0) {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      let depth = indents.length;
      // Compact nested block collections on one line: `- - - x`, `? ? x`.
      for (let c = text.charCodeAt(col); (c === DASH || c === QUESTION) && isSpace(text.charCodeAt(col + 1)); c = text.charCodeAt(col)) {
        depth++;
        col += 2;
        while (isSpace(text.charCodeAt(col))) col++;
      }
      if (depth > limit) return true;
    }
    const base = indents.length;
    let tokenStart = true; // a flow collection or a quoted scalar may start here
    for (let c = col; c < end; c++) {
      const ch = text.charCodeAt(c);
      if (quote) {
        if (ch === BACKSLASH && quote === DQUOTE) c++;
        else if (ch === quote) {
          if (quote === SQUOTE && text.charCodeAt(c + 1) === SQUOTE) c++;
          else quote = 0;
        }
        continue;
      }
      if (isSpace(ch)) tokenStart = true;
      else if (ch === HASH && (c === i || isSpace(text.charCodeAt(c - 1)))) break;
      else if ((ch === DQUOTE || ch === SQUOTE) && tokenStart) quote = ch;
      // Inside a flow collection a bracket is always an indicator (plain scalars cannot hold one).
      else if ((ch === OPEN_SQUARE || ch === OPEN_CURLY) && (tokenStart || flow > 0)) {
        if (base + ++flow > limit) return true;
      } else if ((ch === CLOSE_SQUARE || ch === CLOSE_CURLY) && flow > 0) {
        flow--;
        tokenStart = false;
      } else if ((ch === PIPE || ch === GREATER) && tokenStart && flow === 0 && isBlockScalarHeader(text, c + 1, end)) {
        blockScalarIndent = indent;
        break;
      } else tokenStart = flow > 0 && (ch === COMMA || ch === COLON);
    }
    i = end + 1;
  }
  return false;
}

/** After `|` or `>`: chomping and indentation indicators, then nothing but a comment. */
function isBlockScalarHeader(text: string, from: number, end: number): boolean {
  let c = from;
  for (let ch = text.charCodeAt(c); c < end && (ch === DASH || ch === 43 || (ch >= 48 && ch <= 57)); ch = text.charCodeAt(++c));
  while (c < end && isSpace(text.charCodeAt(c))) c++;
  const ch = text.charCodeAt(c);
  return c >= end || ch === HASH || ch === CR || ch === LF;
}

/**
 * An upper bound of `estimateExceeds`'s depth that a file's first check can afford: its character
 * loop runs un-optimised on a fresh process (~14 ms on the 20,000-line benchmark file, ~2 ms
 * once compiled), while this is a few native searches. The block levels on a line are at most its
 * length plus one (each level is one more column of indentation or a two-character `- ` or `? `),
 * and the open flow collections at most the number of `[` and `{` in the whole text.
 */
export function nestingBound(text: string): number {
  let longestLine = 0;
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    longestLine = Math.max(longestLine, end - start);
    start = end + 1;
  }
  let opens = 0;
  for (let i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) opens++;
  for (let i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) opens++;
  return longestLine + 1 + opens;
}
