// V8 code caches (server/src/io/code-cache.ts): the language server loads its own bundle and the
// precompiled validators with them. A cache is written once the code has run, and a later process
// loads the same file with it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CodeCache, removeStaleFolders } from '../server/src/io/code-cache';

const cacheFiles = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.bin')).map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name));

test('a required file gets a cache after it ran, and loads again with it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubesight-cache-'));
  const file = join(dir, 'module.js');
  writeFileSync(file, 'exports.twice = (n) => n * 2; exports.dir = __dirname;');
  const first = new CodeCache(join(dir, 'cache'), 10).require(file) as { twice: (n: number) => number; dir: string };
  assert.equal(first.twice(21), 42);
  assert.equal(first.dir, dir, 'CommonJS wrapper: __dirname is the file\'s folder');
  await new Promise((r) => setTimeout(r, 200));
  const written = cacheFiles(join(dir, 'cache'));
  assert.equal(written.length, 1);
  const second = new CodeCache(join(dir, 'cache'), 10).require(file) as { twice: (n: number) => number };
  assert.equal(second.twice(4), 8);
});

test('dist/server.js starts the server through its code cache: written after a start, used by the next', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kubesight-server-cache-'));
  const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
  const start = (lingerMs: number) =>
    new Promise<string>((done, fail) => {
      const proc = spawn(process.execPath, [resolve('dist/server.js'), '--stdio'], { env: { ...process.env, KUBESIGHT_CODE_CACHE: dir } });
      let out = '';
      proc.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('"id":1')) setTimeout(() => proc.kill(), lingerMs);
      });
      proc.on('exit', () => done(out));
      proc.on('error', fail);
      proc.stdin.write(`Content-Length: ${Buffer.byteLength(initialize)}\r\n\r\n${initialize}`);
    });
  assert.match(await start(4000), /"serverInfo":\{"name":"kubesight"/);
  const bundle = cacheFiles(dir).filter((f) => statSync(f).size > 100_000);
  assert.ok(bundle.length >= 1, `a cache of the server bundle: ${cacheFiles(dir).map((f) => `${f} ${statSync(f).size}`).join(', ')}`);
  assert.match(await start(0), /"serverInfo":\{"name":"kubesight"/, 'and the server starts with it');
});

test('cache folders of other V8 versions or flags are removed once unused for 30 days, the current one never', async () => {
  const root = mkdtempSync(join(tmpdir(), 'kubesight-cache-root-'));
  for (const name of ['v8-old', 'v8-recent', 'v8-current', 'unrelated']) mkdirSync(join(root, name));
  const now = Date.now();
  const daysAgo = (d: number) => new Date(now - d * 24 * 3600 * 1000);
  utimesSync(join(root, 'v8-old'), daysAgo(31), daysAgo(31));
  utimesSync(join(root, 'v8-current'), daysAgo(90), daysAgo(90));
  utimesSync(join(root, 'unrelated'), daysAgo(90), daysAgo(90));
  await removeStaleFolders(root, 'v8-current', now);
  assert.deepEqual(readdirSync(root).sort(), ['unrelated', 'v8-current', 'v8-recent']);
});
