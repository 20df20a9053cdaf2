// What the Clusters view shows at its root. In the states where there is nothing to browse the tree
// is empty and VS Code shows the welcome view of that state (package.json `viewsWelcome`, keyed by
// the `kubesight.clusterView` context key) with the buttons that get the user out of it.
import type { LoadedKubeconfig } from './kubeconfig';

export type ClusterViewState = 'disabled' | 'untrusted' | 'noKubeconfig' | 'ready';

export interface ClusterViewFacts {
  enabled: boolean;
  trusted: boolean;
  kubeconfig: () => Pick<LoadedKubeconfig, 'contexts' | 'problems'>;
}

/**
 * `noKubeconfig` only when no file is there at all (no contexts and every problem is a missing
 * file): a kubeconfig that cannot be read, or one without contexts, is shown in the tree, whose
 * message says what is wrong with it. The kubeconfig is not read when the state is decided earlier.
 */
export function clusterViewState(facts: ClusterViewFacts): ClusterViewState {
  if (!facts.enabled) return 'disabled';
  if (!facts.trusted) return 'untrusted';
  const kc = facts.kubeconfig();
  const missingOnly = kc.problems.length > 0 && kc.problems.every((p) => p.missing);
  return kc.contexts.length === 0 && missingOnly ? 'noKubeconfig' : 'ready';
}
