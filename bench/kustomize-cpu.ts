// In-process edit loop on the Kustomize benchmark repository (bench/gen-kustomize.mjs): the core's
// build diagnostics of the four files kustomize.mjs has open after each LOG_LEVEL edit of
// base/web.yaml, timed in CPU time (process.cpuUsage), which a shared machine's load disturbs less
// than the wall time the LSP benchmark measures.
//   node --import tsx [--cpu-prof] bench/kustomize-cpu.ts [EDITS] [OVERLAYS]
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_CONFIG } from '../server/src/core/config';
import { diagnoseWorkspaceFile } from '../server/src/core/features/diagnostics';
import { BuildDiagnostics } from '../server/src/core/features/build-diagnostics';
import { FindingsCache } from '../server/src/core/features/findings-cache';
import { Workspace } from '../server/src/core/workspace/workspace';
import { diskBuildFiles } from '../server/src/io/kustomize-files';
import { bundledCatalog } from '../server/src/io/schema-source';
// @ts-expect-error plain JS module
import { generate, deployment } from './gen-kustomize.mjs';

const edits = Number(process.argv[2] ?? 60);
const overlays = Number(process.argv[3] ?? 20);
const repo = join(process.cwd(), 'bench', 'workloads', `kustomize-${overlays}`);
generate(repo, overlays);
const catalog = bundledCatalog();
const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(join(dir, d.name)) : /\.ya?ml$/.test(d.name) ? [join(dir, d.name)] : []));
let ws = Workspace.empty((g, k) => catalog.isNamespaced(g, k), true);
for (const f of files(repo)) ws = ws.withFile(`file://${f}`, readFileSync(f, 'utf8'));
const builds = new BuildDiagnostics();
const cache = new FindingsCache();
const open = ['base/web.yaml', 'base/api.yaml', 'overlays/env-00/web-patch.yaml', `overlays/env-${String(overlays - 1).padStart(2, '0')}/web-patch.yaml`].map((r) => `file://${join(repo, r)}`);
const check = () => {
  const view = builds.view(ws, { catalog, configFor: () => DEFAULT_CONFIG, cache, files: diskBuildFiles });
  return open.map((uri) => diagnoseWorkspaceFile(ws, uri, { catalog, config: DEFAULT_CONFIG, cache, builds: view }).length);
};
console.log(`findings on open: ${check().join(', ')} (${relative(process.cwd(), repo)})`);
const times: number[] = [];
for (let i = 0; i < edits + 5; i++) {
  ws = ws.withFile(open[0], deployment('web', `level-${i}`));
  const before = process.cpuUsage();
  check();
  const used = process.cpuUsage(before);
  if (i >= 5) times.push((used.user + used.system) / 1000);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
console.log(`CPU ms per edit (${edits} edits): median ${at(0.5).toFixed(1)}, p95 ${at(0.95).toFixed(1)}, min ${times[0].toFixed(1)}`);
