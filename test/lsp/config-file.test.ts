// The folder's .kubesight.yaml gets diagnostics without being opened: a typo in it is visible.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './client';
import { tempWorkspace } from '../temp-workspace';

const dir = tempWorkspace('kubesight-config-', {
  '.kubesight.yaml': 'rules:\n  imgae-tag: off\nignroe:\n  - vendor/**\n',
  'app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n',
});
const configUri = pathToFileURL(join(dir, '.kubesight.yaml')).href;
const client = new LspClient({});
after(() => client.close());

test('after the folder scan, the unopened .kubesight.yaml has its config-file warnings', { timeout: 30_000 }, async () => {
  const published = client.diagnostics(configUri);
  await client.initialize(pathToFileURL(dir).href);
  const { diagnostics } = await published;
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.message]), [
    ['config-file', 2, 1, 'definition for rule "imgae-tag" was not found (did you mean "image-tag"?); the setting has no effect'],
    ['config-file', 2, 2, 'unknown key "ignroe" (did you mean "ignore"?); known keys: kubernetesVersion, gatewayAPIChannel, rules, ignore'],
  ]);
});
