import { isMap, isScalar, type Node } from 'yaml';
import { locate } from '../model/path';
import type { Workspace } from '../workspace/workspace';
import type { ClusterObject } from '../workspace/cluster-index';
import type { Cursor } from './cursor';
import { keyReference, referencedKind } from './reference-sites';
import { isClusterScopedReference } from '../workspace/references';

export interface ReferenceProposal {
  label: string;
  detail: string;
  /** Text to insert when it differs from the label (a key with its colon). */
  insertText?: string;
}

/** The document's namespace as written (`default` when absent), read from the AST. */
export function documentNamespace(cursor: Cursor): string {
  return writtenNamespace(cursor) ?? 'default';
}

function writtenNamespace(cursor: Cursor): string | undefined {
  const root = cursor.document?.doc.contents as Node | null | undefined;
  const metadata = isMap(root) ? root.get('metadata', true) : undefined;
  const ns = isMap(metadata) ? metadata.get('namespace') : undefined;
  return typeof ns === 'string' && ns !== '' ? ns : undefined;
}

/**
 * Objects of a kind in the connected cluster where this document's references resolve (the
 * written namespace, else the index namespace), with the "from the cluster" wording for details.
 */
function clusterObjects(cursor: Cursor, workspace: Workspace, group: string, kind: string, clusterScoped: boolean): { objects: readonly ClusterObject[]; where: string } {
  const cluster = workspace.cluster;
  if (!cluster) return { objects: [], where: '' };
  const namespace = clusterScoped ? '' : cluster.namespaceFor(writtenNamespace(cursor));
  return { objects: cluster.ofKind(group, kind, namespace), where: cluster.describe(namespace) };
}

/** Names of objects a reference field may point at, or keys of the ConfigMap/Secret it names. */
export function referenceProposals(cursor: Cursor, workspace: Workspace | undefined): ReferenceProposal[] | undefined {
  if (!workspace) return undefined;
  if (cursor.position === 'key') return selectorKeyProposals(cursor, workspace);
  const namespace = documentNamespace(cursor);
  const target = referencedKind(cursor.path);
  if (target) {
    const clusterScoped = isClusterScopedReference(target);
    const objects = workspace.index.ofKind(target.group, target.kind, clusterScoped ? '' : namespace);
    const proposals = new Map(objects.map((o) => [o.name, { label: o.name, detail: `${o.kind} in ${fileName(o.uri)}` }]));
    const cluster = clusterObjects(cursor, workspace, target.group, target.kind, clusterScoped);
    for (const o of cluster.objects) if (!proposals.has(o.name)) proposals.set(o.name, { label: o.name, detail: `${o.kind} in ${cluster.where}` });
    return [...proposals.values()];
  }
  const linked = linkProposals(cursor, workspace, namespace);
  if (linked) return linked;
  const keyRef = keyReference(cursor.path);
  if (keyRef) {
    const root = cursor.document?.doc.contents as Node | null | undefined;
    const nameNode = locate(root ?? null, keyRef.namePath).node;
    const name = isScalar(nameNode) ? String(nameNode.value) : undefined;
    const objects = name ? workspace.index.find('', keyRef.kind, namespace, name) : [];
    const keys = new Map(objects.flatMap((o) => [...(o.dataKeys ?? [])]).map((k) => [k, `key of ${keyRef.kind} ${name}`]));
    const cluster = clusterObjects(cursor, workspace, '', keyRef.kind, false);
    for (const o of cluster.objects) if (o.name === name) for (const k of o.keys ?? []) if (!keys.has(k)) keys.set(k, `key of ${keyRef.kind} ${name} in ${cluster.where}`);
    return [...keys.keys()].sort().map((k) => ({ label: k, detail: keys.get(k)! }));
  }
  return undefined;
}

function fileName(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/**
 * Values that link objects without naming them: selector label values (from the pod templates of
 * the namespace), a Service's named targetPort (container port names), an Ingress backend's port
 * name (the Service's port names).
 */
function linkProposals(cursor: Cursor, workspace: Workspace, namespace: string): ReferenceProposal[] | undefined {
  const path = cursor.path;
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const pods = () => workspace.index.podTemplatesIn(namespace);
  const isSelector = (parent === 'matchLabels' || (parent === 'selector' && path.length === 3 && path[0] === 'spec')) && typeof last === 'string';
  if (isSelector) {
    const values = new Set(pods().map((o) => o.template!.labels[last]).filter((v): v is string => v !== undefined));
    return [...values].sort().map((v) => ({ label: v, detail: `label ${last} of pod templates in ${namespace}` }));
  }
  if (last === 'targetPort' && path[0] === 'spec' && path[1] === 'ports') {
    const names = new Set(pods().flatMap((o) => o.containerPorts.map((p) => p.name)).filter((n): n is string => !!n));
    return [...names].sort().map((n) => ({ label: n, detail: 'container port name' }));
  }
  if (last === 'name' && parent === 'port' && path[path.length - 3] === 'service') {
    const root = cursor.document?.doc.contents as Node | null | undefined;
    const serviceName = locate(root ?? null, [...path.slice(0, -2), 'name']).node;
    const name = isScalar(serviceName) ? String(serviceName.value) : undefined;
    const services = name ? workspace.index.find('', 'Service', namespace, name) : [];
    const ports = services.flatMap((s) => (s.servicePorts ?? []).map((p) => p.name)).filter((n): n is string => !!n);
    return [...new Set(ports)].map((n) => ({ label: n, detail: `port of Service ${name}` }));
  }
  return undefined;
}

/** Label keys for a selector being written: the keys the namespace's pod templates carry. */
function selectorKeyProposals(cursor: Cursor, workspace: Workspace): ReferenceProposal[] | undefined {
  const last = cursor.path[cursor.path.length - 1];
  const isServiceSelector = cursor.path.length === 2 && cursor.path[0] === 'spec' && last === 'selector' && documentKindIs(cursor, 'Service');
  if (last !== 'matchLabels' && !isServiceSelector) return undefined;
  const keys = new Set(workspace.index.podTemplatesIn(documentNamespace(cursor)).flatMap((o) => Object.keys(o.template!.labels)));
  return [...keys].sort().map((k) => ({ label: k, detail: 'label key of pod templates', insertText: `${k}: ` }));
}

function documentKindIs(cursor: Cursor, kind: string): boolean {
  const root = cursor.document?.doc.contents as Node | null | undefined;
  return isMap(root) && root.get('kind') === kind;
}
