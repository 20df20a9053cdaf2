// Editing a Secret decoded (client/src/cluster/secret-edit.ts) against the API test server: the text
// shows plain values; saving sends a dry run, then after confirmation the replacement, with the
// right base64; a declined confirmation, a conflicting edit and a renamed Secret change nothing; and
// no value reaches a file in the temp folders or the console.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applySecretEdit, decodedSecretText, secretEditOf, SecretEditError } from '../../client/src/cluster/secret-edit';
import { WritePolicy, type WriteSummary } from '../../client/src/cluster/safety';
import { findType } from './api-server/resources';
import { startCluster, type ClusterFixture } from './setup';

let f: ClusterFixture;
const started = Date.now();
// Made at run time, so that no file can hold them but by a leak (a compile cache holds this source).
const NEW_VALUE = `n3w-${randomUUID()}`;
const DECLINED_VALUE = `declined-${randomUUID()}`;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const policy = new WritePolicy([]);
const secrets = () => findType('', 'v1', 'secrets')!;
const liveSecret = async () => f.connect().request<Record<string, any>>({ path: '/api/v1/namespaces/demo/secrets/db-credentials' }); // eslint-disable-line @typescript-eslint/no-explicit-any
const consoleLines: string[] = [];
const originals = { log: console.log, warn: console.warn, error: console.error };

before(async () => {
  f = await startCluster();
  for (const level of ['log', 'warn', 'error'] as const) console[level] = (...args: unknown[]) => void consoleLines.push(args.map(String).join(' '));
});
after(async () => {
  Object.assign(console, originals);
  await f.server.close();
});

/** The seeded text with DB_PASSWORD changed, DB_USER removed and API_KEY added. */
function editedText(text: string): string {
  assert.match(text, /DB_PASSWORD: s3cr3t-Pa55/);
  return text.replace('DB_PASSWORD: s3cr3t-Pa55', `DB_PASSWORD: ${NEW_VALUE}`).replace(/^ {2}DB_USER: directus\n/m, '') + '  API_KEY: "0042"\n';
}

test('the editable text holds the decoded values as stringData, and no base64 data', async () => {
  const text = decodedSecretText(await liveSecret());
  assert.match(text, /^stringData:\n {2}DB_PASSWORD: s3cr3t-Pa55\n {2}DB_USER: directus$/m);
  assert.doesNotMatch(text, /^data:/m);
  assert.doesNotMatch(text, new RegExp(b64('s3cr3t-Pa55')));
  assert.match(text, /^ {2}name: db-credentials\n {2}namespace: demo$/m);
});

test('saving sends a dry run, then after confirmation the replacement with the new values in base64', async () => {
  const live = await liveSecret();
  const edit = secretEditOf(editedText(decodedSecretText(live)), live);
  assert.deepEqual({ added: edit.added, changed: edit.changed, removed: edit.removed }, { added: ['API_KEY'], changed: ['DB_PASSWORD'], removed: ['DB_USER'] });
  const summaries: WriteSummary[] = [];
  const seen = f.server.requests.length;
  const changes = await applySecretEdit(f.connect(), live, edit, policy, async (s) => (summaries.push(s), true));
  assert.deepEqual(changes, ['add key API_KEY', 'change key DB_PASSWORD', 'remove key DB_USER']);
  const puts = f.server.requests.slice(seen).filter((r) => r.method === 'PUT');
  assert.deepEqual(puts.map((r) => r.query.get('dryRun')), ['All', null]);
  for (const put of puts) assert.deepEqual(JSON.parse(put.body).data, { DB_PASSWORD: b64(NEW_VALUE), API_KEY: b64('0042') });
  assert.equal(JSON.parse(puts[1].body).metadata.resourceVersion, live.metadata.resourceVersion, 'replaced at the version that was read');
  assert.deepEqual(f.server.store.get(secrets(), 'demo', 'db-credentials')!.data, { DB_PASSWORD: b64(NEW_VALUE), API_KEY: b64('0042') });
  // The confirmation names keys, never values.
  assert.equal(summaries.length, 1);
  assert.doesNotMatch(JSON.stringify(summaries), new RegExp(`${NEW_VALUE}|${b64(NEW_VALUE)}|0042`));
});

test('a declined confirmation sends only the dry run; a conflicting edit is refused without a value in the message', async () => {
  const live = await liveSecret();
  const edit = secretEditOf(decodedSecretText(live).replace(`DB_PASSWORD: ${NEW_VALUE}`, `DB_PASSWORD: ${DECLINED_VALUE}`), live);
  const seen = f.server.requests.length;
  assert.equal(await applySecretEdit(f.connect(), live, edit, policy, async () => false), undefined);
  assert.deepEqual(f.server.requests.slice(seen).filter((r) => r.method === 'PUT').map((r) => r.query.get('dryRun')), ['All']);
  assert.equal(f.server.store.get(secrets(), 'demo', 'db-credentials')!.data.DB_PASSWORD, b64(NEW_VALUE));
  // Someone else changes the Secret after it was read: the replacement is refused (409), not forced.
  const current = f.server.store.get(secrets(), 'demo', 'db-credentials')!;
  f.server.store.replace(secrets(), { ...current, data: { ...current.data, OTHER: b64('x') } });
  await assert.rejects(
    applySecretEdit(f.connect(), live, edit, policy, async () => true),
    (e: Error) => e instanceof SecretEditError && /has been modified/.test(e.message) && !e.message.includes(DECLINED_VALUE) && !e.message.includes(b64(DECLINED_VALUE)),
  );
});

test('a renamed, retyped or broken text is refused before any request; an unchanged one sends nothing', async () => {
  const live = await liveSecret();
  const text = decodedSecretText(live);
  assert.throws(() => secretEditOf(text.replace('name: db-credentials', 'name: other'), live), /name and namespace cannot change/);
  assert.throws(() => secretEditOf(text.replace('type: Opaque', 'type: kubernetes.io/tls'), live), /type is immutable/);
  assert.throws(() => secretEditOf('stringData: [', live), /exactly one Secret/);
  assert.throws(() => secretEditOf(text + '  PORT: 5432\n', live), /PORT must be a string/);
  const seen = f.server.requests.length;
  assert.equal(await applySecretEdit(f.connect(), live, secretEditOf(text, live), policy, async () => true), undefined);
  assert.equal(f.server.requests.length, seen);
});

test('no value reached a file in the temp folders or the console', () => {
  const needles = [NEW_VALUE, b64(NEW_VALUE), DECLINED_VALUE, b64(DECLINED_VALUE)];
  const leaks: string[] = [];
  const scan = (dir: string, depth: number) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      let st;
      try {
        st = statSync(path);
      } catch {
        continue;
      }
      if (st.isDirectory() && depth > 0) scan(path, depth - 1);
      else if (st.isFile() && st.mtimeMs >= started - 1000 && st.size < 5_000_000) {
        const content = readFileSync(path, 'latin1');
        if (needles.some((n) => content.includes(n))) leaks.push(path);
      }
    }
  };
  scan(tmpdir(), 3);
  assert.deepEqual(leaks, []);
  assert.deepEqual(consoleLines.filter((l) => needles.some((n) => l.includes(n))), []);
});
