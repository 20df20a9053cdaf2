import type { FieldPath } from '../model/path';
import type { ParsedDocument, ParsedFile } from '../model/parse';

/** Where the cursor is, in field-path terms: what completion and hover need. */
export interface Cursor {
  document: ParsedDocument | undefined;
  /** Path of the map that holds the key being typed (key position) or of the value's key (value position). */
  path: FieldPath;
  position: 'key' | 'value';
  /** The partial word before the cursor, replaced by a completion. */
  word: string;
  wordStart: number;
  /** Key of the value being typed (value position). */
  key?: string;
}

interface LineShape {
  /** Columns of `- ` markers. */
  dashes: number[];
  /** Column of the first key or scalar after indentation and dashes. */
  keyColumn: number;
  /** `key:` with nothing after it (a parent of the lines below). */
  opensBlock: boolean;
  key?: string;
}

const KEY_LINE = /^([^\s#'"{[][^:#]*?|"[^"]*"|'[^']*'):(?:\s+(.*))?$/;

function shape(line: string): LineShape | undefined {
  const trimmed = line.replace(/\s+#.*$/, '');
  if (trimmed.trim() === '' || trimmed.trim().startsWith('#')) return undefined;
  const dashes: number[] = [];
  let col = trimmed.length - trimmed.trimStart().length;
  while (trimmed[col] === '-' && (trimmed[col + 1] === ' ' || col + 1 === trimmed.length)) {
    dashes.push(col);
    col++;
    while (trimmed[col] === ' ') col++;
  }
  const rest = trimmed.slice(col);
  const m = KEY_LINE.exec(rest);
  const value = m?.[2]?.trim() ?? '';
  return { dashes, keyColumn: col, opensBlock: !!m && (value === '' || /^[|>][-+0-9]*$/.test(value)), key: m ? m[1].replace(/^["']|["']$/g, '') : undefined };
}

/**
 * The field path of the map whose keys sit at `column` on line `fromLine`, found by walking the
 * lines above by indentation (block YAML). `dash` is the column of a `- ` on that line: then the
 * map is a new sequence item and the path ends with its index.
 */
export function pathAbove(lines: readonly string[], fromLine: number, column: number, dash: number | undefined, stopLine: number): FieldPath {
  const path: (string | number)[] = [];
  // Either inside a map whose keys are at `target`, or (seq !== undefined) inside a sequence item
  // whose dash is at `seq`, looking for the key that holds the sequence.
  let target = column;
  let seq = dash;
  let index = 0;
  for (let l = fromLine - 1; l >= stopLine && (target > 0 || seq !== undefined); l--) {
    const s = shape(lines[l]);
    if (!s) continue;
    if (seq !== undefined) {
      if (s.dashes.includes(seq)) {
        index++;
        continue;
      }
      if (s.keyColumn <= seq && s.opensBlock && s.key !== undefined) {
        path.unshift(s.key, index);
        [target, seq, index] = enter(s);
      } else if (s.keyColumn < seq) break;
      continue;
    }
    const last = s.dashes[s.dashes.length - 1];
    if (s.keyColumn === target && last !== undefined) {
      // This line opened the sequence item we are in.
      seq = last;
      index = 0;
    } else if (s.keyColumn < target && s.opensBlock && s.key !== undefined) {
      path.unshift(s.key);
      [target, seq, index] = enter(s);
    }
  }
  return path;
}

/** After taking a key line as a parent: its map's column, and the item dash that opened it, if any. */
function enter(s: LineShape): [number, number | undefined, number] {
  return [s.keyColumn, s.dashes.length ? s.dashes[s.dashes.length - 1] : undefined, 0];
}

export function cursorAt(file: ParsedFile, offset: number): Cursor {
  const position = file.lines.positionAt(offset);
  const document = file.documents.find((d) => offset >= d.start && offset <= d.end) ?? file.documents.find((d) => offset >= d.start && offset <= d.end + 1);
  // Line breaks as LineIndex counts them (a lone \r too), so line numbers agree.
  const allLines = file.text.split(/\r\n|\r|\n/);
  const stopLine = document ? file.lines.positionAt(document.start).line : 0;
  const linePrefix = file.lines.lineText(position.line).slice(0, position.character);
  const valueMatch = /^(\s*)((?:-\s+)*)([^\s#'"{[][^:#]*?):\s+([^\s#]*)$/.exec(linePrefix);
  if (valueMatch) {
    const keyColumn = valueMatch[1].length + valueMatch[2].length;
    const dash = valueMatch[2] ? valueMatch[1].length + valueMatch[2].lastIndexOf('-') : undefined;
    const parent = pathAbove(allLines, position.line, keyColumn, dash, stopLine);
    const word = valueMatch[4];
    return { document, path: [...parent, valueMatch[3]], position: 'value', word, wordStart: offset - word.length, key: valueMatch[3] };
  }
  const keyMatch = /^(\s*)((?:-\s*)*)([\w.\-/]*)$/.exec(linePrefix);
  const indent = keyMatch ? keyMatch[1].length + keyMatch[2].length : position.character;
  const dashText = keyMatch?.[2] ?? '';
  const dash = dashText ? keyMatch![1].length + dashText.lastIndexOf('-') : undefined;
  const word = keyMatch?.[3] ?? '';
  const path = pathAbove(allLines, position.line, dashText && !dashText.endsWith(' ') ? indent + 1 : indent, dash, stopLine);
  return { document, path, position: 'key', word, wordStart: offset - word.length };
}

