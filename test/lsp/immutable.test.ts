// The server compares open manifests with their committed version (kubesight.immutable.against).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './client';

const job = (image: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: ${image}
          resources:
            requests: {cpu: 100m, memory: 64Mi}
`;

test('editing a committed Job image shows the immutable-field error against HEAD', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubesight-lsp-git-'));
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args]);
  git('init', '-q');
  writeFileSync(join(dir, 'job.yaml'), job('shop/api:1.4.2'));
  git('add', 'job.yaml');
  git('commit', '-qm', 'job');
  const client = new LspClient({});
  try {
    await client.initialize(pathToFileURL(dir).href);
    const uri = pathToFileURL(join(dir, 'job.yaml')).href;
    const flagged = client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'immutable-field'));
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: job('shop/api:1.5.0') } });
    const diagnostics = await flagged;
    const error = diagnostics.find((d) => d.code === 'immutable-field')!;
    assert.equal(error.severity, 1);
    assert.deepEqual(error.range.start, { line: 10, character: 10 });
    assert.match(error.message, /^spec\.template: Invalid value: .*: field is immutable \(compared with git HEAD\)$/);
    const cleared = client.diagnosticsWhere(uri, (d) => !d.some((x) => x.code === 'immutable-field'));
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: job('shop/api:1.4.2') }] });
    await cleared;
  } finally {
    await client.close();
  }
});
