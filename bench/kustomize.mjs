#!/usr/bin/env node
// Edit→diagnostics on a Kustomize repository (issue 18 part 7): one base, 20 overlays
// (gen-kustomize.mjs). Over LSP against a server bundle: the workspace folder is scanned, a base
// manifest (base/web.yaml) is opened with three dependents (another base manifest and two
// overlays' patches: files the same builds read), then each edit changes the base Deployment's
// LOG_LEVEL value (a new value each time, so no text is seen twice). Timed per edit:
//   edited     didChange → publishDiagnostics of base/web.yaml at that version
//   dependents didChange → the last of the three dependents' next publishDiagnostics
//   node bench/kustomize.mjs [--server dist/server.js] [--runs N] [--edits N] [--overlays N] [--prof DIR] [--out FILE]
// `npm run bench` runs it against the shipped bundle (SIZES=kustomize runs only this row).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { Session, loadSettings, fileUri } from './lib/session.mjs';
import { summarize } from './lib/stats.mjs';
import { generate, deployment } from './gen-kustomize.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const option = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const server = path.resolve(option('--server', path.join(here, '..', 'dist', 'server.js')));
const runs = Number(option('--runs', '3'));
const edits = Number(option('--edits', '30'));
const overlays = Number(option('--overlays', '20'));
const prof = option('--prof', undefined);
const outFile = option('--out', undefined);
const repo = path.join(here, 'workloads', `kustomize-${overlays}`);
generate(repo, overlays);

const EDITED = 'base/web.yaml';
const DEPENDENTS = ['base/api.yaml', 'overlays/env-00/web-patch.yaml', `overlays/env-${String(overlays - 1).padStart(2, '0')}/web-patch.yaml`];
const WARM_UP_EDITS = 3;
const read = (rel) => fs.readFileSync(path.join(repo, rel), 'utf8');

async function waitForScan(s) {
  for (let waited = 0; !s.logMessages.some((m) => / manifest files in the workspace$/.test(m)); waited += 20) {
    if (waited > 60000) throw new Error('the workspace scan did not finish within 60 s');
    await sleep(20);
  }
}

async function oneRun(run) {
  const flags = prof ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(prof)}`, '--cpu-prof-interval=200'] : [];
  const s = new Session([process.execPath, ...flags, server, '--stdio'], loadSettings(path.join(here, 'settings', 'ours.json')), { rootDir: repo });
  await s.start();
  await waitForScan(s);
  const uri = fileUri(path.join(repo, EDITED));
  const opened = s.nextDiagnostics(uri);
  s.open(uri, read(EDITED));
  const first = await opened;
  const throughBuilds = first.params.diagnostics.some((d) => /\(in overlays? /.test(d.message));
  for (const rel of DEPENDENTS) {
    const u = fileUri(path.join(repo, rel));
    const w = s.nextDiagnostics(u);
    s.open(u, read(rel));
    await w;
  }
  await s.quiet(uri, 200);
  const edited = [];
  const dependents = [];
  for (let i = 0; i < WARM_UP_EDITS + edits; i++) {
    const version = i + 2;
    const text = deployment('web', `level-${run}-${i}`);
    const ownDone = s.nextDiagnostics(uri, version);
    const othersDone = DEPENDENTS.map((rel) => s.nextDiagnostics(fileUri(path.join(repo, rel))));
    const t = s.client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    const own = await ownDone;
    const others = await Promise.all(othersDone);
    if (own.timeout || others.some((o) => o.timeout)) throw new Error(`edit ${i + 1}: no diagnostics`);
    if (i >= WARM_UP_EDITS) {
      edited.push(own.t - t);
      dependents.push(Math.max(...others.map((o) => o.t)) - t);
    }
    // Let the work an edit leaves behind (another publish, a collection) finish before the next.
    await sleep(30);
  }
  const errors = s.logErrors;
  await s.shutdown();
  return { edited, dependents, throughBuilds, diagnostics: first.params.diagnostics.length, errors };
}

const results = [];
for (let r = 0; r < runs; r++) results.push(await oneRun(r));
const summary = { editedMs: summarize(results.flatMap((r) => r.edited)), dependentsMs: summarize(results.flatMap((r) => r.dependents)) };
const f = (x) => (x == null ? '-' : x.toFixed(1));
console.log(`\n## Kustomize: edit of a base manifest, ${overlays} overlays (${runs} runs × ${edits} edits, ${path.relative(process.cwd(), server)})\n`);
console.log('| measured | n | median | p95 | max |');
console.log('|---|---:|---:|---:|---:|');
console.log(`| edit→diag ${EDITED} | ${summary.editedMs.n} | ${f(summary.editedMs.median)} | ${f(summary.editedMs.p95)} | ${f(summary.editedMs.max)} |`);
console.log(`| edit→diag of its 3 dependents (${DEPENDENTS.join(', ')}) | ${summary.dependentsMs.n} | ${f(summary.dependentsMs.median)} | ${f(summary.dependentsMs.p95)} | ${f(summary.dependentsMs.max)} |`);
const builds = results.every((r) => r.throughBuilds);
console.log(`\nms. ${builds ? 'The base file was checked through the builds' : 'WARNING: the base file was not checked through the builds'} (${results[0].diagnostics} diagnostics on open).`);
for (const e of results.flatMap((r) => r.errors)) console.error(`server error: ${e}`);
if (outFile) fs.writeFileSync(outFile, JSON.stringify({ overlays, runs, edits, server, summary, results }, null, 2));
if (!builds) process.exitCode = 1;
