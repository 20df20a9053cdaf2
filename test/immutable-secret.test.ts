// Secrets in the live baseline: the client sends keyed digests of their values, never the values,
// and the server digests the manifest's values the same way to see an immutable Secret's change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { liveBaseline } from '../server/src/core/immutable/live-baseline';
import { newSecretDigestKey, secretValueDigest } from '../server/src/shared/secret-digest';
import { withDigestedValues } from '../client/src/cluster/live-baseline';
import { findings, gitBaseline } from './immutable-findings';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const key = newSecretDigestKey();

/** The live Secret as the client sends it: values digested, last-applied annotation dropped. */
const live = (extra: Record<string, unknown> = {}) =>
  withDigestedValues(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'db', namespace: 'shop', uid: 'u1', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `{"data":{"password":"${b64('s3cr3t')}"}}` } },
      type: 'Opaque',
      immutable: true,
      data: { password: b64('s3cr3t'), user: b64('app') },
      ...extra,
    },
    key,
  );
const baseline = (object = live(), withKey = true) => liveBaseline({ context: 'dev', namespace: 'shop', objects: [object], ...(withKey ? { secretDigestKey: key } : {}) }, secretValueDigest);
const secret = (body: string, head = 'immutable: true\n') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: shop\n${head}${body}`;

test('what the client sends holds no Secret value, not even in the last-applied annotation', () => {
  const sent = JSON.stringify(live());
  for (const value of ['s3cr3t', b64('s3cr3t'), 'app', b64('app')]) assert.ok(!sent.includes(`"${value}"`) && !sent.includes(`:\\"${value}`), value);
  assert.match(sent, /"password":"hmac-sha256:[0-9a-f]{64}"/);
  assert.notEqual(secretValueDigest(newSecretDigestKey(), b64('s3cr3t'), 'base64'), secretValueDigest(key, b64('s3cr3t'), 'base64'), 'a new key for each baseline');
});

test('the same values, as data or as stringData, are no change', () => {
  assert.deepEqual(findings(baseline(), secret(`data:\n  password: ${b64('s3cr3t')}\n  user: ${b64('app')}\n`)), []);
  assert.deepEqual(findings(baseline(), secret('stringData:\n  password: s3cr3t\n  user: app\n')), []);
  assert.deepEqual(findings(baseline(), secret('stringData:\n  password: s3cr3t\n')), [], 'a key the file leaves out stays as it is (apply merges)');
});

test('a changed value of an immutable Secret is an error on its key, in the API server words', () => {
  assert.deepEqual(findings(baseline(), secret(`data:\n  password: ${b64('n3w')}\n`)), [['password', 'data: Forbidden: field is immutable when `immutable` is set (compared with the live object in cluster context "dev"); delete and re-create the Secret to change it']]);
  assert.deepEqual(findings(baseline(), secret(`data:\n  password: ${b64('s3cr3t')}\nstringData:\n  user: admin\n`)).map(([t]) => t), ['user'], 'stringData wins over data');
  assert.deepEqual(findings(baseline(live({ immutable: undefined })), secret(`data:\n  password: ${b64('n3w')}\n`, '')), [], 'a mutable Secret may change');
});

test('the type of a live Secret cannot change; without the digest key no Secret is compared', () => {
  assert.match(findings(baseline(), secret('stringData:\n  password: s3cr3t\n', 'immutable: true\ntype: kubernetes.io/basic-auth\n'))[0][1], /^type: Invalid value: "kubernetes.io\/basic-auth": field is immutable/);
  assert.deepEqual(findings(baseline(live(), false), secret(`data:\n  password: ${b64('n3w')}\n`)), []);
});

test('against git, a value moved from data (base64) to stringData (text) is no change; a new value is', () => {
  const committed = gitBaseline(secret(`data:\n  password: ${b64('s3cr3t')}\n  user: ${b64('app')}\n`));
  assert.deepEqual(findings(committed, secret('stringData:\n  password: s3cr3t\n  user: app\n')), []);
  assert.deepEqual(findings(committed, secret(`data:\n  password: ${b64('s3cr3t').replace(/(.{4})/, '$1\n    ')}\n  user: ${b64('app')}\n`)), [], 'base64 written over two lines');
  assert.deepEqual(findings(committed, secret(`stringData:\n  password: n3w\n  user: app\n`)).map(([t]) => t), ['password']);
});
