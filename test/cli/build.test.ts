// `kubesight build <dir>`: the kustomization's build as YAML on stdout, notes and errors on stderr
// located at the entry that caused them (the oracle test compares the build itself with kubectl).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli as run } from './run';
import { tempWorkspace } from '../temp-workspace';
import { decodeManifests } from '../../server/src/shared/manifest-yaml';

const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: "on"\n';

test('build prints the built objects as YAML that decodes to them, and exits 0', () => {
  const dir = tempWorkspace('kubesight-build-', {
    'kustomization.yaml': 'namePrefix: dev-\nresources:\n  - settings.yaml\n  - https://github.com/example/remote//base?ref=v1\nconfigMapGenerator:\n  - name: env\n    literals: [A=1]\n',
    'settings.yaml': configMap,
  });
  const result = run(['build', dir], dir);
  assert.equal(result.status, 0, result.stderr);
  const objects = decodeManifests(result.stdout);
  // The hash suffix is the one kubectl kustomize gives this generator.
  assert.deepEqual(objects.map((o) => (o.metadata as { name: string }).name), ['dev-env-89g4tffbfk', 'dev-settings']);
  // YAML 1.1 readers see the string kustomize keeps.
  assert.equal((objects[1].data as Record<string, unknown>).mode, 'on');
  assert.match(result.stderr, /note: kustomization\.yaml:4:5: "https:\/\/github\.com\/example\/remote\/\/base\?ref=v1" is remote: not fetched \(Kubesight works offline\)/);
});

test('a failing build prints kustomize\'s message at the entry and exits 1; a folder without kustomization too', () => {
  const dir = tempWorkspace('kubesight-build-', { 'kustomization.yaml': 'resources:\n  - settings.yaml\n  - missing.yaml\n', 'settings.yaml': configMap, 'plain/x.yaml': configMap });
  const failed = run(['build', '.'], dir);
  assert.equal(failed.status, 1);
  assert.equal(failed.stdout, '');
  assert.match(failed.stderr, /error: kustomization\.yaml:3:5: accumulating resources: 'missing\.yaml': no such file or directory/);
  const none = run(['build', 'plain'], dir);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /unable to find one of 'kustomization\.yaml', 'kustomization\.yml' or 'Kustomization' in directory/);
});

test('build takes one folder', () => {
  assert.equal(run(['build', 'a', 'b'], '.').status, 2);
});
