#!/usr/bin/env node
// `npm run bench`: our language server and yaml-language-server 2.0.0 (given our bundled schema)
// measured in the same run, on generated workloads of ~130, ~1,900 and ~20,000 lines and a
// 500-file workspace, plus the in-process floor (a bare `yaml` parse). Prints the full table and a
// ratio table; results go to bench/results/ (git-ignored). The `kustomize` row (kustomize.mjs):
// edits of a base manifest in a repository of one base and 20 overlays, ours only.
//   BENCH_QUICK=1   one run per row, small and medium only (a smoke run)
//   RUNS=n          fresh server processes per row (default 3; the large file uses 2)
//   SIZES="small medium large workspace kustomize"   (SIZES=kustomize: only the Kustomize row)
// With the large file, cold.mjs adds the cold open without a workspace folder and a bare parse in a
// fresh process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const quick = process.env.BENCH_QUICK === '1';
const runs = Number(process.env.RUNS ?? (quick ? 1 : 3));
const chosen = (process.env.SIZES ?? (quick ? 'small medium' : 'small medium large workspace kustomize')).split(/\s+/).filter(Boolean);
// The Kustomize row is a repository, not one of lspbench's workloads: kustomize.mjs runs it.
const sizes = chosen.filter((s) => s !== 'kustomize');
const node = process.execPath;
// Our server as it ships: the minified bundle `npm run package` puts in the extension (dist/ holds
// the development build, names kept for profiling). It finds schemas/ and dist/validators upwards.
const shipped = path.join(here, 'results', 'production');
const ours = [node, path.join(shipped, 'server.js'), '--stdio'];
const peerJs = path.join(here, '..', 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const peer = [node, peerJs, '--stdio'];

const step = (args, label) => {
  const r = spawnSync(node, args, { cwd: here, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) console.error(`bench: ${label} exited ${r.status}`);
  return r.status === 0;
};

if (!fs.existsSync(path.join(here, '..', 'dist', 'validators'))) {
  console.error('bench: dist/validators is missing; run `npm run build` first');
  process.exit(2);
}
if (spawnSync(node, ['scripts/build.mjs', '--production', '--out', path.relative(path.join(here, '..'), shipped)], { cwd: path.join(here, '..'), stdio: 'inherit' }).status !== 0) process.exit(2);
console.error(`bench: ours = ${path.relative(process.cwd(), ours[1])} (production bundle, as packaged)`);
if (sizes.length > 0) step(['peer-schema.mjs'], 'peer schema');
if (sizes.length > 0 && !fs.existsSync(path.join(here, 'workloads', 'large.yaml'))) step(['gen-workloads.mjs'], 'workloads');
// A single file is benchmarked in a folder of its own: our server indexes the workspace folder,
// and the other workloads must not be part of it.
const input = (size) => {
  if (size === 'workspace') return 'workloads/workspace';
  const dir = path.join(here, 'results', 'roots', size);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(here, 'workloads', `${size}.yaml`), path.join(dir, `${size}.yaml`));
  return path.relative(here, path.join(dir, `${size}.yaml`));
};
if (sizes.length > 0) step(['floor.mjs', '--reps', quick ? '3' : '7', '--out', 'results/floor.json', ...sizes.map(input)], 'floor');

const results = [];
for (const size of sizes) {
  // Fewer fresh processes for the big inputs (the peer's take seconds each); ours gets three, so
  // its cold-open median is a middle value rather than the mean of two.
  const big = size === 'large' || size === 'workspace';
  for (const [label, cmd, settings, n] of [
    [`kubesight-${size}`, ours, 'settings/ours.json', String(big ? Math.min(runs, 3) : runs)],
    [`yamlls-${size}`, peer, 'settings/yamlls-file.json', String(big ? Math.min(runs, 2) : runs)],
  ]) {
    const out = `results/${label}.json`;
    if (step(['bench.mjs', '--input', input(size), '--runs', n, '--label', label, '--settings', settings, '--out', out, '--', ...cmd], label)) results.push(out);
  }
}
if (sizes.length > 0) step(['report.mjs', '--floor', 'results/floor.json', '--out', 'results/report.md', ...results], 'report');

// The ratios the issues ask for, from the same run.
if (sizes.length > 0) printRatios();
function printRatios() {
  const load = (label) => (fs.existsSync(path.join(here, `results/${label}.json`)) ? JSON.parse(fs.readFileSync(path.join(here, `results/${label}.json`), 'utf8')).summary : undefined);
  const floor = JSON.parse(fs.readFileSync(path.join(here, 'results/floor.json'), 'utf8'));
  const f = (x, d = 1) => (x === undefined || Number.isNaN(x) ? '-' : x.toFixed(d));
  const rows = [];
  for (const size of sizes) {
    const a = load(`kubesight-${size}`);
    const b = load(`yamlls-${size}`);
    if (!a) continue;
    const fl = floor.results.find((r) => path.basename(r.input) === path.basename(input(size)));
    const open = size === 'workspace' ? a.workspaceAllDiagnosticsMs?.median : a.coldOpenMs?.median;
    const peerOpen = size === 'workspace' ? b?.workspaceAllDiagnosticsMs?.median : b?.coldOpenMs?.median;
    rows.push(
      `| ${size} | ${f(open)} | ${f(peerOpen)} | ${f(a.reopenMs?.median)} | ${fl ? f(fl.parseMs.median) : '-'} | ${fl ? f(open / fl.parseMs.median, 2) : '-'}× | ${f(a.editMs?.median)} | ${f(b?.editMs?.median)} | ${b ? f(b.editMs.median / a.editMs.median) : '-'}× | ${f(a.completionAllMs?.p95)} | ${f(a.hoverAllMs?.p95)} | ${f(a.rssEndMiB?.median, 0)} | ${f(b?.rssEndMiB?.median, 0)} |`,
    );
}
console.log('\n## Kubesight vs yaml-language-server (same run)\n');
console.log('| input | open→diag ours | peer | warm reopen ours | bare yaml parse | ours÷parse | edit→diag ours (median) | peer | peer÷ours | completion p95 | hover p95 | RSS MiB ours | peer |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
console.log('\nms unless noted. open→diag is cold (fresh process); for the workspace it is "all 500 files diagnosed". Peer: file mode, our schema.');
console.log('"bare yaml parse" is warm (in-process, after warm-up runs); ours÷parse compares a cold open with it.');
}

// The same cold open without a workspace folder, and against a parse in a fresh process (cold.mjs).
if (sizes.includes('large')) step(['cold.mjs', '--runs', quick ? '1' : '3', '--server', ours[1], input('large')], 'cold open');

// Edit→diagnostics of a base manifest with 20 overlays (issue 18 part 7: target < 50 ms median).
if (chosen.includes('kustomize')) step(['kustomize.mjs', '--server', ours[1], '--runs', String(runs), '--edits', quick ? '10' : '30', '--out', 'results/kubesight-kustomize.json'], 'kustomize');
