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
    if (['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Service'].includes(node.kind.kind)) words.push('portforward');
    if (node.kind.kind === 'Pod') words.push('exec');
    if (node.kind.kind === 'Secret') words.push('secret');
    words.push('events');
  }
  if (node.type === 'namespace') words.push('events');
  if (node.type === 'container') words.push('logs', 'exec');
  if (!readOnly) words.push('writable');
  return words.join('.');
}
