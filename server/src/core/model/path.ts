import { isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { Range } from '../findings';

/** A field path as the API server prints it: keys and list indexes. */
export type FieldPath = ReadonlyArray<string | number>;

/** `spec.containers[0].image`, the API server's notation. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z0-9_$-]+$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${seg}]`;
  }
  return out || '<nil>';
}

export interface Located {
  node: Node | null;
  /** The map pair holding the node, when the last segment is a key. */
  pair?: Pair<Node, Node | null>;
  /** How many segments of the path were found; equal to path.length when all were. */
  depth: number;
}

export function keyText(pair: Pair): string | undefined {
  const key = pair.key as unknown;
  if (isScalar(key)) return key.value === null ? '' : String(key.value);
  return undefined;
}

/** Walks the path as far as it exists. */
export function locate(root: Node | null, path: FieldPath): Located {
  let node: Node | null = root;
  let pair: Pair<Node, Node | null> | undefined;
  for (let depth = 0; depth < path.length; depth++) {
    const seg = path[depth];
    if (isMap(node)) {
      const found = node.items.find((p) => keyText(p) === String(seg)) as Pair<Node, Node | null> | undefined;
      if (!found) return { node, pair, depth };
      pair = found;
      node = found.value;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      pair = undefined;
      node = node.items[seg] as Node | null;
    } else {
      return { node, pair, depth };
    }
  }
  return { node, pair, depth: path.length };
}

export function nodeRange(node: Node | null | undefined): Range | undefined {
  if (!node || !node.range) return undefined;
  return [node.range[0], node.range[1]];
}

/**
 * The range a finding about `path` should cover: the value when it is a scalar, else the key.
 * `prefer: 'key'` always marks the key. A path that does not fully exist marks the deepest key found.
 */
export function rangeOfPath(root: Node | null, path: FieldPath, prefer: 'key' | 'value' = 'value'): Range | undefined {
  const found = locate(root, path);
  const keyRange = found.pair && isScalar(found.pair.key) ? nodeRange(found.pair.key) : undefined;
  if (found.depth < path.length) return keyRange ?? firstLineOf(found.node);
  if (prefer === 'value' && (isScalar(found.node) || !keyRange)) return nodeRange(found.node) ?? keyRange;
  return keyRange ?? firstLineOf(found.node);
}

/** A collection's range spans many lines; mark only its first item's start instead. */
function firstLineOf(node: Node | null): Range | undefined {
  if (!node) return undefined;
  if ((isMap(node) || isSeq(node)) && node.items.length > 0) {
    const first = node.items[0] as unknown;
    const target = isPair(first) ? (first.key as Node) : (first as Node);
    return nodeRange(target);
  }
  return nodeRange(node);
}
