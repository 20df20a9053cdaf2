/**
 * Splits a YAML stream into document chunks at lines that start with `---` or `...` markers.
 * YAML forbids those markers at the start of a line inside any scalar (c-forbidden), so such a
 * line always ends a document: each chunk can be parsed on its own, and an edit re-parses only
 * the chunk it touches.
 */
export interface Chunk {
  start: number;
  end: number;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/;

/**
 * The chunks of `text`, or of its part [from, to) when both are chunk boundaries of it (an edit's
 * re-split region, unchanged-edges.ts): the same chunks a split of the whole text has there, since
 * whether a line starts a chunk depends on that line alone.
 */
export function splitChunks(text: string, from = 0, to = text.length): Chunk[] {
  const starts: number[] = [from];
  let lineStart = from;
  while (lineStart < to) {
    const c = text.charCodeAt(lineStart);
    // `---` opens the next chunk; `...` closes this one, so the next chunk starts after its line.
    if ((c === 45 || c === 46) && lineStart > 0 && MARKER.test(text.slice(lineStart, lineStart + 4))) {
      if (c === 45) starts.push(lineStart);
      else {
        const next = text.indexOf('\n', lineStart);
        starts.push(next < 0 || next >= to ? to : next + 1);
      }
    }
    const newline = text.indexOf('\n', lineStart);
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  const chunks: Chunk[] = [];
  for (let i = 0; i < starts.length; i++) {
    const end = i + 1 < starts.length ? starts[i + 1] : to;
    // An empty text is one empty chunk; a region never holds an empty one.
    if (end > starts[i] || (chunks.length === 0 && from === 0 && to === text.length)) chunks.push({ start: starts[i], end });
  }
  return chunks;
}
