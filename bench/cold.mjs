#!/usr/bin/env node
// Cold open, measured the ways that matter to a user, next to the yardsticks they are compared with:
//   - a bare `yaml` parse of the file in a fresh Node process (what any tool pays first), and
//   - our server's didOpen → first diagnostics with no workspace folder (nothing read before the
//     open), after 300 ms of idle time (the bench's settle) and after 2 s (the start-up warm-up
//     has finished: core/features/warm-up.ts).
// The bench's main table compares the cold open with a warm in-process parse (floor.mjs); this one
// keeps the comparison honest about what a fresh process costs.
//   node bench/cold.mjs [--runs N] [--out results/cold.json] [--server dist/server.js] FILE
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSettings } from './lib/session.mjs';
import { openAndWait } from './open-and-wait.mjs';
import { summarize } from './lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
let runs = 3;
let out = path.join(here, 'results', 'cold.json');
let input = path.join(here, 'results', 'roots', 'large', 'large.yaml');
let server = path.join(here, '..', 'dist', 'server.js');
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--runs') runs = Number(argv[++i]);
  else if (argv[i] === '--out') out = path.resolve(argv[++i]);
  else if (argv[i] === '--server') server = path.resolve(argv[++i]);
  else input = path.resolve(argv[i]);
}
const yamlJs = path.join(here, '..', 'node_modules', 'yaml', 'dist', 'index.js');
const text = fs.readFileSync(input, 'utf8');

// One parse in a process that has done nothing else (the time of parseAllDocuments alone).
const freshParse = () => {
  const code = `const fs=require('fs');const Y=require(${JSON.stringify(yamlJs)});const t=fs.readFileSync(${JSON.stringify(input)},'utf8');const s=performance.now();Y.parseAllDocuments(t);console.log(performance.now()-s)`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  return Number(r.stdout.trim());
};

const openOnce = async (settleMs) => {
  const settings = { ...loadSettings(path.join(here, 'settings', 'ours.json')), startupSettleMs: settleMs };
  return (await openAndWait({ argv: [process.execPath, server, '--stdio'], settings, file: input, text })).ms;
};

const parse = [];
const idle300 = [];
const idle2000 = [];
for (let r = 0; r < runs; r++) {
  parse.push(freshParse());
  idle300.push(await openOnce(300));
  idle2000.push(await openOnce(2000));
}
const result = { input: path.relative(here, input), lines: text.split('\n').length - 1, runs, freshParseMs: summarize(parse), openAfter300Ms: summarize(idle300), openAfter2000Ms: summarize(idle2000) };
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(result, null, 2));
const f = (x) => x.toFixed(0);
console.log(`\n## Cold open without a workspace folder: ${result.input} (${result.lines} lines), median of ${runs}\n`);
console.log('| bare yaml parse, fresh process | open→diag after 300 ms idle | ÷ parse | open→diag after 2 s idle (warmed up) | ÷ parse |');
console.log('|---:|---:|---:|---:|---:|');
const p = result.freshParseMs.median;
console.log(`| ${f(p)} | ${f(result.openAfter300Ms.median)} | ${(result.openAfter300Ms.median / p).toFixed(2)}× | ${f(result.openAfter2000Ms.median)} | ${(result.openAfter2000Ms.median / p).toFixed(2)}× |`);
