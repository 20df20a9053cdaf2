/**
 * YAML 1.2 wants every continuation line of a multi-line quoted scalar indented more than the
 * block that holds it; eemeli/yaml enforces that. The API server's parser (go-yaml, YAML 1.1)
 * does not, and real manifests rely on it:
 *
 *     annotations:
 *       init-containers: '[
 *           {"name": "wait"}
 *       ]'                      <- at the key's indentation: an error for yaml, fine for kubectl
 *
 * `relaxQuoteIndentation` returns a copy of a chunk in which such lines are indented just enough,
 * or undefined when it finds none it can fix. The copy has the same length: the spaces a line
 * needs are taken from the indentation of earlier continuation lines of the same scalar, which
 * the scalar's value ignores (line folding drops leading white space), so every node keeps its
 * exact range and value; only offsets inside that scalar move.
 */

export interface RelaxedQuotes {
  text: string;
  /** Offsets (in the chunk) of the lines that were under-indented. */
  lines: number[];
}

interface OpenQuote {
  quote: "'" | '"';
  /** Indentation of the line the scalar starts on: continuation lines need more. */
  parentIndent: number;
  /** Continuation lines seen so far: [line start, indentation]. */
  continuation: [number, number][];
}

export function relaxQuoteIndentation(text: string): RelaxedQuotes | undefined {
  const moves: { from: number; to: number; count: number }[] = [];
  const fixed: number[] = [];
  let open: OpenQuote | undefined;
  let blockIndent = -1; // inside a block scalar: lines indented more than this are its content
  let lineStart = 0;
  while (lineStart < text.length) {
    const lineEnd = endOfLine(text, lineStart);
    const indent = indentation(text, lineStart, lineEnd);
    const blank = lineStart + indent >= lineEnd;
    if (blockIndent >= 0 && (blank || indent > blockIndent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockIndent = -1;
    if (open && !blank) {
      const need = open.parentIndent + 1 - indent;
      if (need > 0) {
        const donors = takeSpaces(open, need);
        if (!donors) return undefined;
        for (const d of donors) moves.push({ from: d[0], to: lineStart, count: d[1] });
        fixed.push(lineStart);
      } else open.continuation.push([lineStart, indent]);
    }
    const scanned = scanLine(text, lineStart + indent, lineEnd, open, indent);
    open = scanned.open;
    if (scanned.blockScalar) blockIndent = indent;
    lineStart = lineEnd + 1;
  }
  return fixed.length ? { text: applyMoves(text, moves), lines: fixed } : undefined;
}

function endOfLine(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}

function indentation(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && text[i] === ' ') i++;
  return i - from;
}

/** Spaces taken from earlier continuation lines (latest first), each keeping parentIndent + 1. */
function takeSpaces(open: OpenQuote, need: number): [number, number][] | undefined {
  const out: [number, number][] = [];
  for (let i = open.continuation.length - 1; i >= 0 && need > 0; i--) {
    const [start, indent] = open.continuation[i];
    const spare = Math.min(need, indent - (open.parentIndent + 1));
    if (spare <= 0) continue;
    open.continuation[i] = [start, indent - spare];
    out.push([start, spare]);
    need -= spare;
  }
  return need === 0 ? out : undefined;
}

/**
 * Follows quotes, comments and block-scalar headers along one line. Returns the quote still open
 * at its end (if any) and whether a block scalar starts there.
 */
function scanLine(text: string, from: number, end: number, open: OpenQuote | undefined, indent: number): { open?: OpenQuote; blockScalar: boolean } {
  let i = from;
  let quote = open;
  let lastToken = '';
  while (i < end) {
    const c = text[i];
    if (quote) {
      if (quote.quote === '"' && c === '\\') i += 2;
      else if (c === quote.quote && quote.quote === "'" && text[i + 1] === "'") i += 2;
      else if (c === quote.quote) {
        quote = undefined;
        i++;
      } else i++;
      continue;
    }
    if (c === '#' && (i === from || text[i - 1] === ' ')) break;
    if ((c === "'" || c === '"') && opensScalar(text, from, i)) {
      quote = { quote: c, parentIndent: indent, continuation: [] };
      i++;
      continue;
    }
    if (c !== ' ' && c !== '\t') lastToken = text.slice(i, nextSpace(text, i, end));
    i = c === ' ' || c === '\t' ? i + 1 : nextSpace(text, i, end);
  }
  return { open: quote, blockScalar: !quote && /^[|>][0-9+-]*$/.test(lastToken) };
}

function nextSpace(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && text[i] !== ' ' && text[i] !== '\t' && text[i] !== "'" && text[i] !== '"' && text[i] !== '#') i++;
  return Math.max(i, from + 1);
}

/** A quote starts a scalar at the start of a line's content or after `: `, `- `, `? `, `[`, `{`, `,`. */
function opensScalar(text: string, lineContent: number, at: number): boolean {
  let j = at - 1;
  while (j >= lineContent && text[j] === ' ') j--;
  return j < lineContent || ':-?[{,'.includes(text[j]);
}

/** Moves `count` leading spaces from line `from` to line `to` (a later line): same total length. */
function applyMoves(text: string, moves: readonly { from: number; to: number; count: number }[]): string {
  const remove = new Map<number, number>();
  const add = new Map<number, number>();
  for (const m of moves) {
    remove.set(m.from, (remove.get(m.from) ?? 0) + m.count);
    add.set(m.to, (add.get(m.to) ?? 0) + m.count);
  }
  let out = '';
  let lineStart = 0;
  while (lineStart <= text.length) {
    const lineEnd = endOfLine(text, lineStart);
    const line = text.slice(lineStart, lineEnd);
    const trimmed = line.slice(remove.get(lineStart) ?? 0);
    out += ' '.repeat(add.get(lineStart) ?? 0) + trimmed + (lineEnd < text.length ? '\n' : '');
    if (lineEnd >= text.length) break;
    lineStart = lineEnd + 1;
  }
  return out;
}
