import { isAlias, isCollection, isPair, type Document, type Node, type Pair } from 'yaml';

export interface Undecodable {
  message: string;
  /** Offsets of the offending key or alias. */
  range: readonly [number, number] | undefined;
}

function rangeOf(node: unknown): readonly [number, number] | undefined {
  const range = (node as { range?: [number, number, number] | null }).range;
  return range ? [range[0], Math.max(range[1], range[0] + 1)] : undefined;
}

/**
 * Why the API server's decoder (sigs.k8s.io/yaml) could not turn the document into JSON, for the
 * shapes that also break or stall yaml's `toJS`; undefined when it can. Found by fuzzing:
 * - a collection (or an alias of one) as a mapping key: JSON keys are strings ("Unsupported map
 *   key"), and `toJS` stringifies every such key, which is quadratic in nesting depth — 4 KB of
 *   `[{[{[{…` took 98 s;
 * - an alias inside the node it refers to (`&a [*a]`): go-yaml refuses it, `toJS` builds a cyclic
 *   value on which the rules recurse without end.
 * One iterative pass in document order (anchors are defined before the aliases that use them).
 */
export function undecodableReason(doc: Document.Parsed): Undecodable | undefined {
  const anchors = new Map<string, Node>();
  const ancestors = new Set<unknown>();
  const stack: { node: unknown; exit?: boolean }[] = [{ node: doc.contents }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      ancestors.delete(node);
      continue;
    }
    if (!node || typeof node !== 'object') continue;
    if (isPair(node)) {
      const { key, value } = node as Pair<unknown, unknown>;
      if (isCollection(key) || (isAlias(key) && isCollection(anchors.get(key.source)))) return { message: 'a mapping key is a collection (JSON keys are strings)', range: rangeOf(key) };
      stack.push({ node: value }, { node: key });
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as Node);
    if (isAlias(node)) {
      if (ancestors.has(anchors.get(node.source))) return { message: `alias *${node.source} refers to a node that contains it`, range: rangeOf(node) };
    } else if (isCollection(node)) {
      ancestors.add(node);
      stack.push({ node, exit: true });
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i] });
    }
  }
  return undefined;
}
