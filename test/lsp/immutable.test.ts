// The server compares open manifests with their committed version (kubesight.immutable.against)
// and with the live objects the client sends (kubesight/liveBaseline), which win over git.
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
    assert.match(error.message, /^spec\.template: Invalid value: .*: field is immutable \(compared with git HEAD\); delete the Job/);
    const cleared = client.diagnosticsWhere(uri, (d) => !d.some((x) => x.code === 'immutable-field'));
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: job('shop/api:1.4.2') }] });
    await cleared;
  } finally {
    await client.close();
  }
});

test('the live baseline notification raises the error against the cluster, and null clears it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubesight-lsp-live-')); // not a repository: no git baseline
  const client = new LspClient({});
  try {
    await client.initialize(pathToFileURL(dir).href);
    const uri = pathToFileURL(join(dir, 'job.yaml')).href;
    const text = job('shop/api:1.5.0');
    const opened = client.diagnostics(uri, 1);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    assert.deepEqual((await opened).diagnostics.filter((d) => d.code === 'immutable-field'), []);

    const liveJob = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'migrate', namespace: 'shop', uid: 'a1b2', resourceVersion: '7', labels: { 'batch.kubernetes.io/job-name': 'migrate' } },
      spec: {
        backoffLimit: 6,
        selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'a1b2' } },
        template: {
          metadata: { labels: { 'batch.kubernetes.io/controller-uid': 'a1b2', 'batch.kubernetes.io/job-name': 'migrate' } },
          spec: { restartPolicy: 'Never', dnsPolicy: 'ClusterFirst', containers: [{ name: 'migrate', image: 'shop/api:1.4.2', imagePullPolicy: 'IfNotPresent', resources: { requests: { cpu: '100m', memory: '64Mi' } } }] },
        },
      },
    };
    const flagged = client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'immutable-field'));
    client.notify('kubesight/liveBaseline', { context: 'dev', namespace: 'shop', objects: [liveJob] });
    const error = (await flagged).find((d) => d.code === 'immutable-field')!;
    assert.deepEqual(error.range.start, { line: 10, character: 10 });
    assert.match(error.message, /^spec\.template: Invalid value: .*: field is immutable \(compared with the live object in cluster context "dev"\); /);

    const cleared = client.diagnosticsWhere(uri, (d) => !d.some((x) => x.code === 'immutable-field'));
    client.notify('kubesight/liveBaseline', null);
    await cleared;
  } finally {
    await client.close();
  }
});
