import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { clusterViewState } from '../../client/src/cluster/view-state';
import { loadKubeconfig } from '../../client/src/cluster/kubeconfig';

const kubeconfigNever = () => {
  throw new Error('the kubeconfig must not be read here');
};

test('disabled and untrusted win, and neither reads the kubeconfig', () => {
  assert.equal(clusterViewState({ enabled: false, trusted: true, kubeconfig: kubeconfigNever }), 'disabled');
  assert.equal(clusterViewState({ enabled: false, trusted: false, kubeconfig: kubeconfigNever }), 'disabled');
  assert.equal(clusterViewState({ enabled: true, trusted: false, kubeconfig: kubeconfigNever }), 'untrusted');
});

test('noKubeconfig only when the one file named is missing; an unreadable file is shown in the tree', () => {
  const missing = loadKubeconfig(['/nowhere/config'], () => false);
  assert.equal(clusterViewState({ enabled: true, trusted: true, kubeconfig: () => missing }), 'noKubeconfig');
  const unreadable = { contexts: [], problems: [{ file: '/x', message: 'cannot read /x: bad yaml' }] };
  assert.equal(clusterViewState({ enabled: true, trusted: true, kubeconfig: () => unreadable }), 'ready');
  // Several KUBECONFIG files of which some are missing: kubectl ignores those, so do we.
  const someMissing = loadKubeconfig(['/nowhere/a', '/nowhere/b'], () => false);
  assert.deepEqual(someMissing.problems, []);
  assert.equal(clusterViewState({ enabled: true, trusted: true, kubeconfig: () => someMissing }), 'ready');
});
