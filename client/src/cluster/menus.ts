// The words a tree item's context value carries; package.json's item menus match on them, so a
// read-only context (no `writable`) shows no write action at all.
import type { ExplorerNode } from './explorer-model';

/** `object.Deployment.logs.scalable.restartable.writable` */
export function contextValue(node: ExplorerNode, readOnly: boolean): string {
  const words: string[] = [node.type];
  if (node.type === 'object') {
    words.push(node.kind.kind);
    if (['Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Job'].includes(node.kind.kind)) words.push('logs');
    if (['Deployment', 'StatefulSet', 'ReplicaSet'].includes(node.kind.kind)) words.push('scalable');
    if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(node.kind.kind)) words.push('restartable');
  }
  if (node.type === 'container') words.push('logs');
  if (!readOnly) words.push('writable');
  return words.join('.');
}
