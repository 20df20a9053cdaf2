// The server compares open manifests with their committed version (kubesight.immutable.against)
// and with the live objects the client sends (kubesight/liveBaseline), which win over git.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspClient } from './client';
import { committedWorkspace, tempWorkspace } from '../temp-workspace';
import { newSecretDigestKey } from '../../server/src/shared/secret-digest';
import { withDigestedValues } from '../../client/src/cluster/live-baseline';

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
  const { dir } = committedWorkspace('kubesight-lsp-git-', { 'job.yaml': job('shop/api:1.4.2') });
  const client = new LspClient({});
  try {
    await client.initialize(pathToFileURL(dir).href);
    const uri = pathToFileURL(join(dir, 'job.yaml')).href;
    const diagnostics = await client.open(uri, job('shop/api:1.5.0'), (d) => d.some((x) => x.code === 'immutable-field'));
    const error = diagnostics.find((d) => d.code === 'immutable-field')!;
    assert.equal(error.severity, 1);
    assert.deepEqual(error.range.start, { line: 10, character: 10 });
    assert.match(error.message, /^spec\.template: Invalid value: .*: field is immutable \(compared with git HEAD\); delete the Job/);
    await client.change(uri, 2, job('shop/api:1.4.2'), (d) => !d.some((x) => x.code === 'immutable-field'));
  } finally {
    await client.close();
  }
});

test('the live baseline notification raises the error against the cluster, and null clears it', async () => {
  const dir = tempWorkspace('kubesight-lsp-live-'); // not a repository: no git baseline
  const client = new LspClient({});
  try {
    await client.initialize(pathToFileURL(dir).href);
    const uri = pathToFileURL(join(dir, 'job.yaml')).href;
    const text = job('shop/api:1.5.0');
    assert.deepEqual((await client.open(uri, text)).filter((d) => d.code === 'immutable-field'), []);

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

test('a live immutable Secret, sent as digests, flags a changed value in the open file', async () => {
  const dir = tempWorkspace('kubesight-lsp-live-secret-');
  const client = new LspClient({});
  try {
    await client.initialize(pathToFileURL(dir).href);
    const uri = pathToFileURL(join(dir, 'secret.yaml')).href;
    const text = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\nimmutable: true\nstringData:\n  password: n3w\n';
    await client.open(uri, text);
    const key = newSecretDigestKey();
    const live = withDigestedValues({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, type: 'Opaque', immutable: true, data: { password: Buffer.from('s3cr3t').toString('base64') } }, key);
    const flagged = client.diagnosticsWhere(uri, (d) => d.some((x) => x.code === 'immutable-field'));
    client.notify('kubesight/liveBaseline', { context: 'dev', namespace: 'shop', objects: [live], secretDigestKey: key });
    const error = (await flagged).find((d) => d.code === 'immutable-field')!;
    assert.deepEqual(error.range, { start: { line: 7, character: 2 }, end: { line: 7, character: 10 } });
    assert.match(error.message, /^data: Forbidden: field is immutable when `immutable` is set \(compared with the live object in cluster context "dev"\)/);
  } finally {
    await client.close();
  }
});
