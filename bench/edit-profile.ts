// In-process edit loop on a workload (default the large one): the core's diagnoseWorkspaceFile after
// one-character edits in the middle document, as bench.mjs edits; prints the time per phase.
//   node --import tsx [--cpu-prof] bench/edit-profile.ts [FILE] [EDITS]
// BASELINE=1 adds a git-like baseline holding the file's objects (immutable-field runs, as in a repository).
import { readFileSync } from 'node:fs';
import { DEFAULT_CONFIG } from '../server/src/core/config';
import { diagnoseWorkspaceFile } from '../server/src/core/features/diagnostics';
import { FindingsCache } from '../server/src/core/features/findings-cache';
import { WorkspaceFindingsCache } from '../server/src/core/features/workspace-findings';
import { Workspace } from '../server/src/core/workspace/workspace';
import { bundledCatalog } from '../server/src/io/schema-source';
import { baselineFromResources } from '../server/src/core/immutable/baseline';
import { parseFile } from '../server/src/core/model/parse';
import { resourcesOfFile } from '../server/src/core/model/resource';
// @ts-expect-error plain JS module
import { findTargets } from './lib/targets.mjs';

const file = process.argv[2] ?? 'bench/workloads/large.yaml';
const edits = Number(process.argv[3] ?? 40);
const catalog = bundledCatalog();
const uri = 'file:///w/large.yaml';
let text = readFileSync(file, 'utf8');
const cache = new FindingsCache();
const workspaceCache = process.env.NO_WS_CACHE ? undefined : new WorkspaceFindingsCache();
let ws = Workspace.empty((g, k) => catalog.entriesForKind(k).find((e) => e.group === g)?.namespaced, true).withFile(uri, text, 1);
const baseline = process.env.BASELINE ? baselineFromResources('git HEAD', resourcesOfFile(parseFile(text))) : undefined;
const run = () => diagnoseWorkspaceFile(ws, uri, { catalog, config: DEFAULT_CONFIG, cache, workspaceCache, baseline });
console.log(`${run().length} findings`);
const { line, character } = findTargets(text).edit;
const lines = text.split('\n');
const times: number[][] = [];
for (let i = 0; i < edits; i++) {
  const insert = i % 2 === 0;
  lines[line] = insert ? lines[line].slice(0, character) + 'x' + lines[line].slice(character) : lines[line].slice(0, character) + lines[line].slice(character + 1);
  text = lines.join('\n');
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  ws = ws.withFile(uri, text, i + 2);
  const t1 = performance.now();
  void ws.index;
  const t2 = performance.now();
  const n = run().length;
  const t3 = performance.now();
  const cpu = process.cpuUsage(c0);
  times.push([t1 - t0, t2 - t1, t3 - t2, n, (cpu.user + cpu.system) / 1000]);
}
const med = (k: number) => times.map((t) => t[k]).sort((a, b) => a - b)[times.length >> 1].toFixed(1);
console.log(`recomputed ${workspaceCache?.recomputed}, reused ${workspaceCache?.reused}`);
console.log(`first edits (withFile+index+diagnose ms): ${times.slice(0, 6).map((t) => (t[0] + t[1] + t[2]).toFixed(1)).join(" ")}`);
// CPU time (all threads: GC's helpers too) is less disturbed than wall time on a shared machine.
console.log(`median ms: withFile ${med(0)}, index ${med(1)}, diagnose ${med(2)}; findings ${times.at(-1)![3]}; CPU per edit ${med(4)}`);
