// Guards the invariants of ARCHITECTURE.md that eslint alone could miss (e.g. a disabled lint rule).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return tsFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

const IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g;

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1]);
}

test('server/src/core imports no vscode, LSP, fs, child_process or outer layer', () => {
  const forbidden = /^(vscode|vscode-languageserver.*|vscode-languageclient.*|(node:)?fs(\/promises)?|(node:)?child_process)$|\/(lsp|cli|io)\/|^\.\.\/\.\.\/(lsp|cli|io)\b/;
  const offenders = tsFiles('server/src/core').flatMap((f) => importsOf(f).filter((i) => forbidden.test(i)).map((i) => `${f}: ${i}`));
  assert.deepEqual(offenders, []);
});

test('server/src/core and server/src/shared have no module-level mutable state (no top-level let/var)', () => {
  const offenders = [...tsFiles('server/src/core'), ...tsFiles('server/src/shared')].filter((f) => /^(export\s+)?(let|var)\s/m.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
});

const SHARED = resolve('server/src/shared');
/** Whether an import of `file` names a module inside server/src/shared (relative imports only). */
const intoShared = (file: string, specifier: string) => specifier.startsWith('.') && resolve(dirname(file), specifier).startsWith(SHARED + sep);

test('client/ imports nothing from server/ but server/src/shared', () => {
  const offenders = tsFiles('client/src').flatMap((f) => importsOf(f).filter((i) => i.includes('server/') && !intoShared(f, i)).map((i) => `${f}: ${i}`));
  assert.deepEqual(offenders, []);
});

test('server/src/shared imports nothing outside itself but node:crypto and yaml (no other node:*, vscode, core or client)', () => {
  const files = tsFiles('server/src/shared');
  assert.ok(files.length > 0);
  // node:crypto: the Secret value digests (secret-digest.ts), which both ends must compute alike.
  // yaml: the manifest decoder (manifest-yaml.ts), so both ends read a file alike.
  const allowed = new Set(['node:crypto', 'yaml']);
  const offenders = files.flatMap((f) => importsOf(f).filter((i) => !intoShared(f, i) && !allowed.has(i)).map((i) => `${f}: ${i}`));
  assert.deepEqual(offenders, []);
});

test('source files stay small (≤ 450 lines)', () => {
  const big = [...tsFiles('server/src'), ...tsFiles('client/src')].filter((f) => readFileSync(f, 'utf8').split('\n').length > 450);
  assert.deepEqual(big, []);
});

test('client/src/cluster is plain: no vscode, no language client, nothing from explorer/', () => {
  const offenders = tsFiles('client/src/cluster').flatMap((f) => importsOf(f).filter((i) => /^vscode(-languageclient.*)?$|\/explorer\//.test(i)).map((i) => `${f}: ${i}`));
  assert.deepEqual(offenders, []);
});

test('client/src/support is plain: no vscode, no language client, no file system', () => {
  const offenders = tsFiles('client/src/support').flatMap((f) => importsOf(f).filter((i) => /^vscode(-languageclient.*)?$|^(node:)?fs(\/promises)?$|\/explorer\//.test(i)).map((i) => `${f}: ${i}`));
  assert.deepEqual(offenders, []);
});

test('server code uses no dynamic import(): launcher.ts runs the bundle through vm.Script, which cannot load one', () => {
  const offenders = tsFiles('server/src').filter((f) => /(?<!typeof\s)\bimport\s*\(/.test(readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '')));
  assert.deepEqual(offenders, []);
});

test('server/src/lsp builds no diagnostic or fix of its own: severities, rule ids and suppression comments come from core', () => {
  // convert.ts is the one core → LSP mapping (severities included).
  const handBuilt = /\bseverity\s*:|DiagnosticSeverity|\bcode\s*:\s*['"`]|kubesight-disable/;
  const offenders = tsFiles('server/src/lsp').filter((f) => !f.endsWith(`${sep}convert.ts`) && handBuilt.test(readFileSync(f, 'utf8').replace(/^\s*(\/\/|\*).*$/gm, '')));
  assert.deepEqual(offenders, []);
});
