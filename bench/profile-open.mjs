#!/usr/bin/env node
// Cold open of one file in a fresh dist/server.js, the way bench.mjs does it (initialize,
// configuration, settle, didOpen → first publishDiagnostics), with an optional CPU profile:
//   node bench/profile-open.mjs [--no-root] [--prof DIR] [--runs N] [--settle MS] [--server dist/server.js] [FILE]
// Prints open→diagnostics and the server's CPU time per thread per run; with --prof writes one
// .cpuprofile per run into DIR (open it in Chrome DevTools, or summarise it with
// bench/profile-summary.mjs). FILE defaults to the large workload in a folder of its own (run
// `npm run bench` once to create it). Environment: NODE_FLAGS (extra node flags for the server),
// VERBOSE=1 (server log), PAUSE_MS (wait after the first diagnostics before shutting down).
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSettings } from './lib/session.mjs';
import { openAndWait } from './open-and-wait.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
let prof;
let runs = 1;
let settle = 300;
let server = path.join(here, '..', 'dist', 'server.js');
let input = path.join(here, 'results', 'roots', 'large', 'large.yaml');
let noRoot = false; // --no-root: no workspace folder, so nothing is indexed before the open
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--prof') prof = path.resolve(argv[++i]);
  else if (argv[i] === '--runs') runs = Number(argv[++i]);
  else if (argv[i] === '--settle') settle = Number(argv[++i]);
  else if (argv[i] === '--no-root') noRoot = true;
  else if (argv[i] === '--server') server = path.resolve(argv[++i]);
  else input = path.resolve(argv[i]);
}
const flags = [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, '--cpu-prof-interval=200'] : []), ...(process.env.NODE_FLAGS ? process.env.NODE_FLAGS.split(' ') : [])];
const settings = { ...loadSettings(path.join(here, 'settings', 'ours.json')), startupSettleMs: settle };
const text = fs.readFileSync(input, 'utf8');
// CPU time (user + system) of each thread of a process, from /proc (Linux only).
const threadCpu = (pid) => {
  try {
    const tick = 10; // ms per clock tick (USER_HZ 100)
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .map((tid) => fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'))
      .map((stat) => {
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        return [name, (Number(f[11]) + Number(f[12])) * tick];
      })
      .filter(([, ms]) => ms >= 20)
      .map(([name, ms]) => `${name} ${ms}`)
      .join(', ');
  } catch {
    return '-';
  }
};
for (let r = 0; r < runs; r++) {
  const { ms, diagnostics, before: cpu } = await openAndWait({
    argv: [process.execPath, ...flags, server, '--stdio'],
    settings,
    options: { rootDir: noRoot ? undefined : path.dirname(input), verbose: !!process.env.VERBOSE },
    file: input,
    text,
    beforeShutdown: async (s) => {
      if (process.env.PAUSE_MS) await new Promise((r) => setTimeout(r, Number(process.env.PAUSE_MS)));
      return threadCpu(s.client.pid);
    },
  });
  console.log(`run ${r + 1}: open→diagnostics ${ms.toFixed(1)} ms, ${diagnostics.length} diagnostics; server CPU ms by thread: ${cpu}`);
}
