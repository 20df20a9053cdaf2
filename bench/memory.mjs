#!/usr/bin/env node
// `npm run bench:memory` (issue 9 §5): 10,000 edits on the ~1,900-line workload through one
// language server process (dist/server.js); the server's RSS must grow by less than 20 MiB,
// counted from the first diagnostics after the open (warm-up edits included) to the idle server,
// IDLE seconds after the last edit: 10 s after the last change the server hands back the heap V8
// grew for the edits (COLLECT_AFTER_QUIET_MS in server/src/lsp/documents.ts). The growth while
// still editing, 2 s after the last edit (before that collection) and after the warm-up edits are
// printed beside it.
// Edits are typed like a user types: a character inserted into a value and deleted again,
// replicas changed, a line added and removed; every edit waits for its diagnostics, and every
// 50th also asks for hover and completion. RSS is read from /proc (Linux).
//   EDITS=n      edits (default 10000)
//   WARMUP=n     edits before the post-warm-up reading (default 500; counted in the target)
//   FILE=path    the file to edit (default bench/workloads/medium.yaml, generated when missing)
//   IDLE=s       seconds after the last edit of the judged reading (default 12)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LspClient } from './lib/lsp-client.mjs';
import { readMemory } from './lib/proc.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const EDITS = Number(process.env.EDITS ?? 10_000);
const WARMUP = Number(process.env.WARMUP ?? 500);
const LIMIT_MIB = 20;
const IDLE_S = Number(process.env.IDLE ?? 12);
const serverJs = path.join(here, '..', 'dist', 'server.js');
if (!fs.existsSync(serverJs)) {
  console.error('bench:memory: dist/server.js is missing; run `npm run build` first');
  process.exit(2);
}
const file = process.env.FILE ? path.resolve(process.env.FILE) : path.join(here, 'workloads', 'medium.yaml');
if (!process.env.FILE && !fs.existsSync(file)) spawnSync(process.execPath, ['gen-workloads.mjs'], { cwd: here, stdio: 'inherit' });
const original = fs.readFileSync(file, 'utf8');
const lines = original.split('\n');

// Deterministic choice of edits.
let seed = 0x9e3779b9;
const rand = (n) => {
  seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
  return Math.floor((seed / 2 ** 32) * n);
};
const valueLines = lines.flatMap((l, i) => {
  const m = /^(\s*(?:- )?[\w.\-/]+: )(\S.*)$/.exec(l);
  return m && !l.trimStart().startsWith('#') ? [{ line: i, from: m[1].length, to: l.length }] : [];
});
const replicaLines = lines.flatMap((l, i) => (/^\s*replicas: \d$/.test(l) ? [i] : []));

/** Edit pairs that leave the text as it was: [do, undo]. */
function editPair() {
  const kind = rand(10);
  if (kind < 6) {
    const v = valueLines[rand(valueLines.length)];
    const at = { line: v.line, character: v.from + rand(v.to - v.from + 1) };
    return [
      { range: { start: at, end: at }, text: 'x' },
      { range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' },
    ];
  }
  if (kind < 9 && replicaLines.length) {
    const line = replicaLines[rand(replicaLines.length)];
    const col = lines[line].length - 1;
    const range = { start: { line, character: col }, end: { line, character: col + 1 } };
    return [
      { range, text: String(1 + rand(9)) },
      { range, text: lines[line][col] },
    ];
  }
  const line = 1 + rand(lines.length - 1);
  const indent = /^\s*/.exec(lines[line])[0];
  return [
    { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `${indent}# note\n` },
    { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, text: '' },
  ];
}

// The file alone in a folder of its own (the server indexes the workspace folder).
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesight-memory-'));
const copy = path.join(root, path.basename(file));
fs.writeFileSync(copy, original);
const uri = pathToFileURL(copy).href;
const client = new LspClient([process.execPath, serverJs, '--stdio'], { cwd: root });
client.onRequest('workspace/configuration', (p) => (p.items ?? []).map(() => ({})));
client.onRequest('client/registerCapability', () => null);
const problems = [];
client.on('window/logMessage', (p) => {
  if (p.type === 1) problems.push(p.message);
});
const mib = () => {
  const m = readMemory(client.pid);
  return { rss: (m.rssKiB ?? 0) / 1024, tree: m.treeRssKiB / 1024, hwm: (m.hwmKiB ?? 0) / 1024 };
};

await client.request('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'bench' }], capabilities: { workspace: { configuration: true } } });
client.notify('initialized', {});
let version = 1;
const diagnosticsOf = (v) => client.waitFor('textDocument/publishDiagnostics', (p) => p.uri === uri && p.version === v, 30_000);
let wait = diagnosticsOf(version);
client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text: original } });
if ((await wait).timeout) throw new Error('no diagnostics after open');
const afterOpen = mib();

const samples = [];
let pending = [];
let slowest = 0;
const latencies = [];
const started = performance.now();
let baseline;
for (let n = 1; n <= WARMUP + EDITS; n++) {
  if (pending.length === 0) pending = editPair();
  const change = pending.shift();
  version++;
  wait = diagnosticsOf(version);
  const sent = client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
  const got = await wait;
  if (got.timeout) throw new Error(`no diagnostics for version ${version}`);
  slowest = Math.max(slowest, got.t - sent);
  latencies.push(got.t - sent);
  if (n % 50 === 0) {
    const position = { line: rand(lines.length), character: 4 };
    await client.request('textDocument/hover', { textDocument: { uri }, position });
    await client.request('textDocument/completion', { textDocument: { uri }, position });
  }
  if (n === WARMUP) baseline = mib();
  if (n > WARMUP && (n - WARMUP) % 1000 === 0) samples.push({ edits: n - WARMUP, ...mib() });
}
const seconds = (performance.now() - started) / 1000;
const editing = mib(); // right after the last edit's diagnostics: nothing collected yet
await new Promise((r) => setTimeout(r, 2000));
const paused = mib(); // a pause in typing: V8's heap as the edits left it
await new Promise((r) => setTimeout(r, Math.max(0, IDLE_S - 2) * 1000));
const idle = mib(); // the idle server, after its collection
await client.request('shutdown', null);
client.notify('exit', null);
await client.exited;
fs.rmSync(root, { recursive: true, force: true });

const growth = idle.rss - afterOpen.rss;
const sorted = latencies.sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
const p99 = sorted[Math.floor(sorted.length * 0.99)];
console.log(`bench:memory: ${WARMUP} + ${EDITS} edits on ${path.relative(process.cwd(), file)} (${lines.length} lines) in ${seconds.toFixed(0)} s; edit → diagnostics median ${median.toFixed(2)} ms, p99 ${p99.toFixed(1)} ms, slowest ${slowest.toFixed(0)} ms`);
console.log('');
console.log('| point | server RSS (MiB) | process tree RSS (MiB) |');
console.log('|---|---:|---:|');
console.log(`| after open | ${afterOpen.rss.toFixed(1)} | ${afterOpen.tree.toFixed(1)} |`);
console.log(`| after warm-up | ${baseline.rss.toFixed(1)} | ${baseline.tree.toFixed(1)} |`);
for (const s of samples) console.log(`| +${s.edits} edits | ${s.rss.toFixed(1)} | ${s.tree.toFixed(1)} |`);
console.log(`| after the last edit | ${editing.rss.toFixed(1)} | ${editing.tree.toFixed(1)} |`);
console.log(`| 2 s after the last edit | ${paused.rss.toFixed(1)} | ${paused.tree.toFixed(1)} |`);
console.log(`| idle, ${IDLE_S} s after the last edit | ${idle.rss.toFixed(1)} | ${idle.tree.toFixed(1)} |`);
console.log(`| peak (VmHWM) | ${idle.hwm.toFixed(1)} | |`);
console.log('');
const ok = growth < LIMIT_MIB && problems.length === 0;
// The target counts from the open: the first few hundred edits grow V8's heap to its working size
// (young generation, old space) and that growth is the user's too, until the server goes idle and
// hands it back (the low-memory collection in server/src/main.ts). While editing it stays: printed beside the target,
// with the growth after the warm-up edits (what a leak would add).
console.log(`  RSS growth from the open while editing (at the last edit): ${(editing.rss - afterOpen.rss).toFixed(1)} MiB; 2 s after it: ${(paused.rss - afterOpen.rss).toFixed(1)} MiB`);
console.log(`  RSS growth after the ${WARMUP} warm-up edits, idle: ${(idle.rss - baseline.rss).toFixed(1)} MiB`);
console.log(`${ok ? '✔' : '✖'} RSS growth from the open over ${WARMUP + EDITS} edits, idle ${IDLE_S} s after the last: ${growth.toFixed(1)} MiB (target < ${LIMIT_MIB} MiB)${problems.length ? `; ${problems.length} logged errors: ${problems[0].slice(0, 300)}` : ''}`);
console.log(`${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed`);
process.exitCode = ok ? 0 : 1;
