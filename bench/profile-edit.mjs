#!/usr/bin/env node
// One-character edits of a file open in a fresh server, as bench.mjs makes them (insert, delete,
// alternating, in the document nearest the middle), with an optional CPU profile of the server:
//   node bench/profile-edit.mjs [--prof DIR] [--edits N] [--server dist/server.js] [FILE]
// Prints didChange→publishDiagnostics per edit and the median. FILE defaults to the large workload
// in a folder of its own (run `npm run bench` once to create it).
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSettings, fileUri } from './lib/session.mjs';
import { openAndWait } from './open-and-wait.mjs';
import { findTargets } from './lib/targets.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
let prof;
let edits = 20;
let server = path.join(here, '..', 'dist', 'server.js');
let input = path.join(here, 'results', 'roots', 'large', 'large.yaml');
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--prof') prof = path.resolve(argv[++i]);
  else if (argv[i] === '--edits') edits = Number(argv[++i]);
  else if (argv[i] === '--server') server = path.resolve(argv[++i]);
  else input = path.resolve(argv[i]);
}
const flags = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`, '--cpu-prof-interval=200'] : [];
const text = fs.readFileSync(input, 'utf8');
const { line, character } = findTargets(text).edit;
const uri = fileUri(input);
const times = await openAndWait({
  argv: [process.execPath, ...flags, server, '--stdio'],
  settings: loadSettings(path.join(here, 'settings', 'ours.json')),
  options: { rootDir: path.dirname(input), verbose: !!process.env.VERBOSE },
  file: input,
  text,
  beforeShutdown: async (s) => {
    const ms = [];
    for (let i = 0; i < edits; i++) {
      const insert = i % 2 === 0;
      const change = insert ? { range: { start: { line, character }, end: { line, character } }, rangeLength: 0, text: 'x' } : { range: { start: { line, character }, end: { line, character: character + 1 } }, rangeLength: 1, text: '' };
      const w = s.nextDiagnostics(uri, i + 2);
      const t = s.client.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [change] });
      ms.push((await w).t - t);
      await s.quiet(uri, 300);
    }
    return ms;
  },
});
const sorted = [...times.before].sort((a, b) => a - b);
console.log(`edits: ${times.before.map((m) => m.toFixed(1)).join(' ')}; median ${sorted[sorted.length >> 1].toFixed(1)} ms`);
