import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { posix } from 'node:path';
import { fileURLToPath as nodeFileURLToPath, pathToFileURL as nodePathToFileURL } from 'node:url';
import * as path from '../../server/src/browser/shims/path';
import * as url from '../../server/src/browser/shims/url';
import * as crypto from '../../server/src/browser/shims/crypto';
import * as fs from '../../server/src/browser/shims/fs';

const PATHS = ['/a/b/c.yaml', '/a/b/../c/./d.yaml', '/', 'rel/x', 'rel/../..', '/a//b/', '../up', '.'];

test('the path shim agrees with node:path (POSIX) on the functions the server uses', () => {
  for (const p of PATHS) {
    assert.equal(path.dirname(p), posix.dirname(p), `dirname ${p}`);
    assert.equal(path.basename(p), posix.basename(p), `basename ${p}`);
    assert.equal(path.basename(p, '.yaml'), posix.basename(p, '.yaml'), `basename ${p} .yaml`);
    assert.equal(path.isAbsolute(p), posix.isAbsolute(p), `isAbsolute ${p}`);
    assert.equal(path.resolve('/base/dir', p), posix.resolve('/base/dir', p), `resolve ${p}`);
    for (const q of PATHS) {
      assert.equal(path.join(p, q), posix.join(p, q), `join ${p} ${q}`);
      assert.equal(path.relative(path.resolve('/w', p), path.resolve('/w', q)), posix.relative(posix.resolve('/w', p), posix.resolve('/w', q)), `relative ${p} ${q}`);
    }
  }
});

test('the url shim converts file: URLs like node:url, spaces and # included', () => {
  for (const p of ['/work/a b/c#1.yaml', '/x/ü.yaml', '/plain.yaml']) {
    assert.equal(url.pathToFileURL(p).href, nodePathToFileURL(p).href);
    assert.equal(url.fileURLToPath(nodePathToFileURL(p).href), nodeFileURLToPath(nodePathToFileURL(p).href));
  }
  assert.throws(() => url.fileURLToPath('untitled:Untitled-1'), /scheme file/);
});

test('the crypto shim gives node:crypto\'s SHA-256 and HMAC-SHA-256', () => {
  for (const text of ['', 'abc', 'ConfigMap data ünïcode', 'x'.repeat(10_000)]) {
    assert.equal(crypto.createHash('sha256').update(text).digest('hex'), createHash('sha256').update(text, 'utf8').digest('hex'));
    assert.equal(crypto.createHmac('sha256', 'key').update(text).digest('hex'), createHmac('sha256', 'key').update(text).digest('hex'));
  }
  assert.throws(() => crypto.createHash('md5'), /only sha256/);
});

test('the fs shim says every file is missing, with ENOENT', () => {
  assert.equal(fs.existsSync(), false);
  assert.deepEqual(fs.readdirSync(), []);
  assert.throws(() => fs.readFileSync('/x.yaml'), (e: NodeJS.ErrnoException) => e.code === 'ENOENT');
});
