import type { IndexedObject } from './indexed-object';
import { namespaceOf } from './lookup';
import { isClusterScopedReference, referencesOf } from './references';
import type { Workspace, WorkspaceFile } from './workspace';
import { toolsSummary } from './build-tools';

/** Kinds whose findings depend on the pod templates (labels, ports) of their namespace. */
const SELECTING = new Set(['Service', 'PodDisruptionBudget', 'NetworkPolicy', 'Ingress', 'PodMonitor']);

/** Gateway API kinds whose findings read ReferenceGrants (routes, Gateways) and Namespace labels (routes). */
const ROUTES = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute']);

/**
 * The files among `candidates` whose workspace findings may change because `changed` objects
 * appeared, vanished or changed: files that reference one of them, that select pods in a
 * namespace whose pod templates changed, or that hold an object with the same identity.
 */
export function dependentFiles(workspace: Workspace, changed: readonly IndexedObject[], candidates: readonly string[]): string[] {
  if (changed.length === 0) return [];
  const depends = dependsOnChanged(changed);
  return candidates.filter((uri) => (workspace.file(uri)?.objects ?? []).some(depends));
}

/** Whether an object's workspace findings may change because `changed` objects appeared, vanished or changed (see dependentFiles). */
export function dependsOnChanged(changed: readonly IndexedObject[]): (o: IndexedObject) => boolean {
  if (changed.length === 0) return () => false;
  if (changed.some((o) => o.kind === 'CustomResourceDefinition')) return () => true;
  const identities = new Set(changed.map((o) => `${o.group}/${o.kind}/${o.namespace}/${o.name}`));
  const podNamespaces = new Set(changed.filter((o) => o.template).map((o) => o.namespace));
  const serviceNamespaces = new Set(changed.filter((o) => o.kind === 'Service').map((o) => o.namespace));
  const anyService = serviceNamespaces.size > 0;
  // A ReferenceGrant allows references into its namespace; a Namespace's labels let routes attach.
  const grantNamespaces = new Set(changed.filter((o) => o.kind === 'ReferenceGrant').map((o) => o.namespace));
  const namespaceChanged = changed.some((o) => o.kind === 'Namespace' && o.group === '');
  return (o) => {
    if (identities.has(`${o.group}/${o.kind}/${o.namespace}/${o.name}`)) return true;
    if (podNamespaces.has(o.namespace) && SELECTING.has(o.kind)) return true;
    // A Service's port-reference findings read the pods; a pod's do not read Services, but
    // an Ingress reads Service ports.
    if (serviceNamespaces.has(o.namespace) && o.kind === 'Ingress') return true;
    // A ServiceMonitor may select Services of other namespaces (namespaceSelector).
    if (anyService && o.kind === 'ServiceMonitor') return true;
    if (namespaceChanged && ROUTES.has(o.kind)) return true;
    const namespace = namespaceOf(o.resource);
    if (grantNamespaces.size && (ROUTES.has(o.kind) || o.kind === 'Gateway') && referencesOf(o.resource).some((r) => r.namespace !== undefined && grantNamespaces.has(r.namespace))) return true;
    return referencesOf(o.resource).some((r) => identities.has(`${r.group}/${r.kind}/${isClusterScopedReference(r) ? '' : (r.namespace ?? namespace)}/${r.name}`));
  };
}

/**
 * The objects an edit changed in ways other files can see (identities, labels, ports, keys), from
 * the documents that were re-parsed (reused documents are unchanged by construction).
 */
export function changedObjects(before: readonly IndexedObject[], after: readonly IndexedObject[]): IndexedObject[] {
  // A parse's value box stands for it (shared by the versions that reuse it, as its nodes are):
  // reading `doc` would move every reused document's nodes (parse.ts).
  const oldDocs = new Set(before.map((o) => o.resource.document.value));
  const newDocs = new Set(after.map((o) => o.resource.document.value));
  const summary = (o: IndexedObject) => JSON.stringify([o.kind, o.namespace, o.name, o.labels, o.template?.labels, o.containerPorts, [...(o.dataKeys ?? [])], o.servicePorts]);
  const removed = before.filter((o) => !newDocs.has(o.resource.document.value));
  const added = after.filter((o) => !oldDocs.has(o.resource.document.value));
  const addedKeys = new Set(added.map(summary));
  const removedKeys = new Set(removed.map(summary));
  return [...removed.filter((o) => !addedKeys.has(summary(o))), ...added.filter((o) => !removedKeys.has(summary(o)))];
}

/** A file's objects and what controllers create from them: what other files' references can reach. */
export function linkedObjects(file: WorkspaceFile | undefined): IndexedObject[] {
  return file ? [...file.objects, ...file.produced] : [];
}

/**
 * Whether an edit changed what a kustomization or skaffold config tells other files (which files
 * are patches, which images are tagged, which ConfigMaps are generated): then any open file may
 * read differently, and all are re-checked.
 */
export function changedBuildTools(before: WorkspaceFile | undefined, after: WorkspaceFile | undefined): boolean {
  return toolsSummary(before?.tools) !== toolsSummary(after?.tools);
}
