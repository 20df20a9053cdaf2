import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Range } from '../findings';
import type { ParsedFile } from '../model/parse';
import { keyText, type FieldPath } from '../model/path';
import type { Origin, OriginTable } from '../kustomize/build/resource';

/**
 * A finding on a built object points into the build's YAML text; these carry it back to the
 * source text the field came from (a base's line, a patch's line, a generator entry).
 */

/** The field path at an offset of an object's node, and whether the offset is on a key. */
export function pathAtOffset(root: Node, offset: number): { path: FieldPath; onKey: boolean } {
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (;;) {
    if (isMap(node)) {
      const pair = node.items.find((p) => contains(p.key as Node, offset) || contains(p.value as Node, offset));
      const key = pair && keyText(pair);
      if (!pair || key === undefined) break;
      path.push(key);
      if (contains(pair.key as Node, offset)) return { path, onKey: true };
      node = pair.value;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((item) => contains(item as Node, offset));
      if (i < 0) break;
      path.push(i);
      node = node.items[i];
    } else break;
  }
  return { path, onKey: false };
}

/** The origin of the field at `path` of a built value: the deepest one recorded, and whether it is the field's own. */
export function originAtPath(origins: OriginTable, value: unknown, path: FieldPath): { origin?: Origin; own: boolean } {
  let current = value;
  let origin: Origin | undefined;
  let own = false;
  path.forEach((key, i) => {
    if (!current || typeof current !== 'object') return;
    const found = origins.get(current, key);
    if (found) [origin, own] = [found, i === path.length - 1];
    current = (current as Record<string | number, unknown>)[key];
  });
  return { origin, own };
}

/**
 * Where a finding lands in the source file: the key or value the origin starts at (the value when
 * the finding was on a scalar value of the field itself), else the origin's first line.
 */
export function landingRange(file: ParsedFile, origin: Origin, own: boolean, onKey: boolean): Range {
  for (const document of file.documents) {
    const found = nodeStartingAt(document.doc.contents as Node | null, origin.start);
    if (!found) continue;
    if (found.key && (onKey || !own || !isScalar(found.value))) return range(found.key) ?? firstLine(file.text, origin);
    if (found.value && isScalar(found.value)) return range(found.value) ?? firstLine(file.text, origin);
    if (found.key) return range(found.key) ?? firstLine(file.text, origin);
  }
  return firstLine(file.text, origin);
}

/** The pair whose key starts at `offset` (or the list item that does), descending only where it can be. */
function nodeStartingAt(node: Node | null, offset: number): { key?: Node; value?: Node } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (key?.range && key.range[0] === offset) return { key, value: (pair.value as Node | null) ?? undefined };
      if (contains(pair.value as Node, offset)) return nodeStartingAt(pair.value as Node, offset);
    }
  } else if (isSeq(node)) {
    for (const item of node.items as (Node | null)[]) {
      if (!item?.range) continue;
      if (item.range[0] === offset && !isMap(item)) return { value: item };
      if (contains(item, offset)) return isPair(item) ? undefined : nodeStartingAt(item, offset);
    }
  }
  return undefined;
}

function firstLine(text: string, origin: Origin): Range {
  const newline = text.indexOf('\n', origin.start);
  const end = Math.min(origin.end, newline < 0 ? text.length : newline);
  return [origin.start, Math.max(end, origin.start)];
}

function range(node: Node | undefined): Range | undefined {
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}

function contains(node: Node | null | undefined, offset: number): boolean {
  return !!node?.range && node.range[0] <= offset && offset < node.range[1];
}
