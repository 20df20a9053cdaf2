import { isMap, isScalar, type Node } from 'yaml';
import { locate } from '../model/path';
import type { Workspace } from '../workspace/workspace';
import type { Cursor } from './cursor';
import { keyReference, referencedKind } from './reference-sites';

export interface ReferenceProposal {
  label: string;
  detail: string;
}

/** The document's namespace as written (`default` when absent), read from the AST. */
export function documentNamespace(cursor: Cursor): string {
  const root = cursor.document?.doc.contents as Node | null | undefined;
  const metadata = isMap(root) ? root.get('metadata', true) : undefined;
  const ns = isMap(metadata) ? metadata.get('namespace') : undefined;
  return typeof ns === 'string' && ns !== '' ? ns : 'default';
}

/** Names of objects a reference field may point at, or keys of the ConfigMap/Secret it names. */
export function referenceProposals(cursor: Cursor, workspace: Workspace | undefined): ReferenceProposal[] | undefined {
  if (!workspace || cursor.position !== 'value') return undefined;
  const namespace = documentNamespace(cursor);
  const target = referencedKind(cursor.path);
  if (target) {
    const clusterScoped = target.kind === 'IngressClass';
    const objects = workspace.index.ofKind(target.group, target.kind, clusterScoped ? '' : namespace);
    return [...new Map(objects.map((o) => [o.name, o])).values()].map((o) => ({ label: o.name, detail: `${o.kind} in ${fileName(o.uri)}` }));
  }
  const keyRef = keyReference(cursor.path);
  if (keyRef) {
    const root = cursor.document?.doc.contents as Node | null | undefined;
    const nameNode = locate(root ?? null, keyRef.namePath).node;
    const name = isScalar(nameNode) ? String(nameNode.value) : undefined;
    const objects = name ? workspace.index.find('', keyRef.kind, namespace, name) : [];
    const keys = new Set(objects.flatMap((o) => [...(o.dataKeys ?? [])]));
    return [...keys].sort().map((k) => ({ label: k, detail: `key of ${keyRef.kind} ${name}` }));
  }
  return undefined;
}

function fileName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}
