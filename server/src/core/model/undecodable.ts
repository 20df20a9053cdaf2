import { isAlias, isCollection, isPair, type Document, type Node, type Pair } from 'yaml';

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
export function undecodableReason(doc: Document.Parsed): string | undefined {
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
      if (isCollection(key) || (isAlias(key) && isCollection(anchors.get(key.source)))) return 'a mapping key is a collection';
      stack.push({ node: value }, { node: key });
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as Node);
    if (isAlias(node)) {
      if (ancestors.has(anchors.get(node.source))) return `alias *${node.source} refers to a node that contains it`;
    } else if (isCollection(node)) {
      ancestors.add(node);
      stack.push({ node, exit: true });
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i] });
    }
  }
  return undefined;
}
