import type { Report, WorkspaceContext, Rule } from './rule';
import { referencesOf } from '../workspace/references';
import { clusterLookup, namespaceOf, targets } from '../workspace/lookup';
import { isMap, type Node } from 'yaml';
import { locate } from '../model/path';
import type { Fix } from '../findings';
import type { IndexedObject } from '../workspace/indexed-object';

export const missingKey: Rule = {
  meta: {
    id: 'missing-key',
    severity: 'warning',
    scope: 'workspace',
    checksPatches: true,
    description: '`secretKeyRef` / `configMapKeyRef` / `items[].key` naming a key the ConfigMap or Secret does not have.',
    docs: [
      'A pod whose env reads a key that its ConfigMap or Secret does not define fails to start',
      '(`couldn\'t find key DB_PASSWORD in Secret shop/db`). Keys come from `data`, `binaryData` and',
      '`stringData`; for a generated ConfigMap or Secret, from its `literals` and `files` (an `envs`',
      'file is not read, so its keys are unknown and nothing is reported). References marked',
      '`optional: true` are never reported; a target that does not',
      'exist is `missing-reference`\'s finding, not this rule\'s.',
      '',
      'When the editor is connected to a cluster, a key that the cluster\'s object of that name has is',
      'fine; a target that exists only in the cluster is checked against the cluster\'s keys.',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const workspace = ctx.workspace;
    if (!workspace) return [];
    const namespace = namespaceOf(ctx.resource);
    return referencesOf(ctx.resource).flatMap((ref): Report[] => {
      if (ref.optional || ref.keys.length === 0 || (ref.kind !== 'ConfigMap' && ref.kind !== 'Secret')) return [];
      const found = targets(workspace, '', ref.kind, namespace, ref.name);
      const cluster = clusterLookup(workspace, ctx.resource, ref, false);
      const clusterKeys = cluster?.object?.keys;
      // Two definitions (overlays, alternatives) may hold different keys: only judge a single one.
      if (found.length === 1 && found[0].dataKeys) {
        const keys = found[0].dataKeys;
        return ref.keys
          .filter((k) => !keys.has(k.key) && !clusterKeys?.has(k.key))
          .map((k) => ({
            path: k.path,
            at: 'value' as const,
            message: `key "${k.key}" not found in ${ref.kind} "${ref.name}"${found[0].producedBy ? ` written by ${found[0].producedBy}` : ''} (${listKeys(keys)})`,
            // A controller writes that object: there is no data block to add the key to.
            fixes: found[0].producedBy ? undefined : addKeyFix(found[0], k.key),
          }));
      }
      // Only in the cluster: judged against the keys the cluster reported.
      if (found.length > 0 || !cluster || !clusterKeys) return [];
      return ref.keys
        .filter((k) => !clusterKeys.has(k.key))
        .map((k) => ({ path: k.path, at: 'value' as const, message: `key "${k.key}" not found in ${ref.kind} "${ref.name}" of ${cluster.where} (${listKeys(clusterKeys)})` }));
    });
  },
};

function listKeys(keys: ReadonlySet<string>): string {
  return keys.size ? `keys: ${[...keys].sort().join(', ')}` : 'it has no keys';
}

/** "Add key x to Secret y": a new entry at the end of the target's data (or stringData) block. */
function addKeyFix(target: IndexedObject, key: string): Fix[] | undefined {
  const field = target.kind === 'Secret' && target.resource.value.stringData ? 'stringData' : 'data';
  const map = locate(target.resource.node, [field]).node;
  if (!isMap(map) || map.flow || map.items.length === 0) return undefined;
  const last = map.items[map.items.length - 1];
  const firstKey = map.items[0].key as Node | null;
  const end = (last.value as Node | null)?.range?.[1] ?? (last.key as Node | null)?.range?.[1];
  const keyStart = firstKey?.range?.[0];
  if (end === undefined || keyStart === undefined) return undefined;
  const text = target.resource.document.source;
  const column = keyStart - target.resource.document.chunkStart - Math.max(0, text.lastIndexOf('\n', keyStart - target.resource.document.chunkStart - 1) + 1);
  const quoted = /^[\w.-]+$/.test(key) ? key : JSON.stringify(key);
  return [{ title: `Add key "${key}" to ${target.kind} "${target.name}"`, edits: [{ uri: target.uri, start: end, end, newText: `\n${' '.repeat(column)}${quoted}: ""` }] }];
}
