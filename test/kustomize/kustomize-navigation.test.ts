// Go to definition on the paths a kustomization names (issue 18, part 4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { kustomizePathDefinition } from '../../server/src/core/features/kustomize-navigation';
import { WEB_DEPLOYMENT } from './manifests';

const overlay = `resources:
  - ../base
  - https://github.com/example/remote//deploy?ref=v1
patches:
  - path: replicas.yaml
configMapGenerator:
  - name: env
    envs: [settings.env]
  - name: gone
    files: [missing.txt]
`;
const R = 'file:///repo';
const ws = Workspace.empty()
  .withFile(`${R}/base/kustomization.yml`, 'resources:\n  - web.yaml\n')
  .withFile(`${R}/base/web.yaml`, WEB_DEPLOYMENT)
  .withFile(`${R}/prod/replicas.yaml`, 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 3}\n')
  .withFile(`${R}/prod/kustomization.yaml`, overlay, 0, { kustomizePaths: { '../base': 'kustomization', 'replicas.yaml': 'file', 'settings.env': 'file', 'missing.txt': 'missing' } });
const at = (needle: string) => kustomizePathDefinition(ws, `${R}/prod/kustomization.yaml`, overlay.indexOf(needle) + 1)?.map((l) => l.uri);

test('a resources folder opens its kustomization (whatever its name); a patch path opens the patch', () => {
  assert.deepEqual(at('../base'), [`${R}/base/kustomization.yml`]);
  assert.deepEqual(at('replicas.yaml'), [`${R}/prod/replicas.yaml`]);
});

test('a generator source outside the workspace opens by its path; a missing or remote path has no definition', () => {
  assert.deepEqual(at('settings.env'), [`${R}/prod/settings.env`]);
  assert.deepEqual(at('missing.txt'), []);
  assert.deepEqual(at('https://'), []);
});

test('elsewhere in the kustomization, or in another file, it leaves definition to the others', () => {
  assert.equal(at('name: env'), undefined);
  assert.equal(kustomizePathDefinition(ws, `${R}/base/web.yaml`, 5), undefined);
});
