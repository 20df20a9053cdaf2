// Start-up warm-up, run by the host in idle time before the first file arrives. A fresh process
// runs yaml's parser, the rules and the validators in V8's interpreter: the first large file pays
// for loading validators and for compiling all of that code (measured on the 20,000-line benchmark
// file: yaml alone parses it in ~310 ms in a fresh process and ~160 ms once its code is compiled).
// Parsing and diagnosing a few small manifests first moves most of that cost to a moment when
// nobody waits. Every step's result is dropped: warm-up changes no state the user can see.
import type { Config } from '../config';
import type { SchemaCatalog } from '../schema/catalog';
import { Workspace, type NamespacedLookup } from '../workspace/workspace';
import { diagnoseWorkspaceFile } from './diagnostics';
import { FindingsCache } from './findings-cache';
import { WorkspaceFindingsCache } from './workspace-findings';

/** The kinds most manifests use, in order: their validators are loaded first. */
export const COMMON_KINDS: readonly (readonly [group: string, version: string, kind: string])[] = [
  ['apps', 'v1', 'Deployment'],
  ['', 'v1', 'Service'],
  ['', 'v1', 'ConfigMap'],
  ['', 'v1', 'Secret'],
  ['apps', 'v1', 'StatefulSet'],
  ['networking.k8s.io', 'v1', 'Ingress'],
  ['', 'v1', 'PersistentVolumeClaim'],
  ['batch', 'v1', 'Job'],
  ['batch', 'v1', 'CronJob'],
  ['', 'v1', 'ServiceAccount'],
  ['', 'v1', 'Pod'],
  ['apps', 'v1', 'DaemonSet'],
  ['autoscaling', 'v2', 'HorizontalPodAutoscaler'],
  ['policy', 'v1', 'PodDisruptionBudget'],
  ['networking.k8s.io', 'v1', 'NetworkPolicy'],
  ['rbac.authorization.k8s.io', 'v1', 'Role'],
  ['rbac.authorization.k8s.io', 'v1', 'RoleBinding'],
  ['', 'v1', 'Namespace'],
];

export interface WarmUpInput {
  catalog: SchemaCatalog;
  config: Config;
  /** Small valid manifests (the bundled snippets): each is parsed and diagnosed `rounds` times. */
  samples: readonly string[];
  rounds?: number;
  /** One-character edits of the samples joined in one file, each parsed and diagnosed as an edit is. */
  edits?: number;
}

/**
 * The warm-up as small steps (one validator, or one sample parsed and diagnosed: a few
 * milliseconds each), in the order they pay off. The host runs one step per idle turn of its
 * event loop, so a request that arrives meanwhile waits for one step at most.
 */
export function warmUpSteps({ catalog, config, samples, rounds = 2, edits = 24 }: WarmUpInput): (() => void)[] {
  const steps: (() => void)[] = [];
  for (const [group, version, kind] of COMMON_KINDS) {
    steps.push(() => {
      const entry = catalog.entry(group, version, kind);
      if (entry) catalog.validator(entry);
    });
  }
  const namespaced = (group: string, kind: string) => catalog.isNamespaced(group, kind);
  for (let round = 0; round < rounds; round++) {
    samples.forEach((text, i) => {
      steps.push(() => {
        const uri = `kubesight-warm-up:///${round}/${i}.yaml`;
        const workspace = Workspace.empty(namespaced, true).withFile(uri, text);
        diagnoseWorkspaceFile(workspace, uri, { catalog, config });
      });
    });
  }
  steps.push(...editSteps(samples, { catalog, config }, namespaced, edits));
  return steps;
}

/**
 * An edit takes another path than an open (unchanged chunks kept, the line index moved, findings
 * reused through both caches, the snapshot diffed with the one before): the first edits after an
 * open ran it unoptimised (the 20,000-line file's first edits 25-45 ms, later ones ~12 ms). These
 * steps type and delete a character in the middle of the samples joined in one file, with caches
 * of their own.
 */
function editSteps(samples: readonly string[], env: { catalog: SchemaCatalog; config: Config }, namespaced: NamespacedLookup, edits: number): (() => void)[] {
  const text = samples.join('\n---\n');
  const at = text.indexOf('image: ', text.length >> 1);
  if (samples.length === 0 || at < 0) return [];
  const uri = 'kubesight-warm-up:///edits.yaml';
  const cache = new FindingsCache();
  const workspaceCache = new WorkspaceFindingsCache();
  // Made in the first step, not when the steps are listed (at start-up, before anything is idle).
  let workspace: Workspace | undefined;
  const typed = `${text.slice(0, at + 7)}x${text.slice(at + 7)}`;
  return Array.from({ length: edits }, (_, i) => () => {
    workspace ??= Workspace.empty(namespaced, true).withFile(uri, text, 1);
    workspace = workspace.withFile(uri, i % 2 === 0 ? typed : text, i + 2);
    diagnoseWorkspaceFile(workspace, uri, { ...env, cache, workspaceCache });
  });
}
