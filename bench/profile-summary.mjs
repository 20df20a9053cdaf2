#!/usr/bin/env node
// Summarises a .cpuprofile (from profile-open.mjs --prof): self and inclusive time by function
// (an `npm run build` bundle keeps the TypeScript names; a --production one is minified), and the
// busy time per 50 ms window.
//   node bench/profile-summary.mjs FILE.cpuprofile [--from MS] [--to MS] [--top N] [--phases a,b,c] [--under NAME]
// --under: only samples whose stack holds a function of that name.
// --phases: per 50 ms window, busy time attributed to the outermost stack frame named in the list.
import fs from 'node:fs';

const argv = process.argv.slice(2);
const file = argv[0];
let from = 0;
let to = Infinity;
let top = 40;
let phases = [];
let under;
for (let i = 1; i < argv.length; i++) {
  if (argv[i] === '--from') from = Number(argv[++i]);
  else if (argv[i] === '--to') to = Number(argv[++i]);
  else if (argv[i] === '--top') top = Number(argv[++i]);
  else if (argv[i] === '--phases') phases = argv[++i].split(',');
  else if (argv[i] === '--under') under = argv[++i];
}
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
const nodes = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const total = new Map();
const timeline = new Map();
let t = p.startTime;
const label = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
for (let i = 0; i < p.samples.length; i++) {
  t += p.timeDeltas[i];
  const ms = (t - p.startTime) / 1000;
  if (ms < from || ms > to) continue;
  const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
  const n = nodes.get(p.samples[i]);
  if (under) {
    let inside = false;
    for (let id = n.id; id !== undefined && !inside; id = parent.get(id)) inside = nodes.get(id).callFrame.functionName === under;
    if (!inside) continue;
  }
  const name = label(n);
  self.set(name, (self.get(name) ?? 0) + dt);
  const bucket = Math.floor(ms / 50) * 50;
  let phase = n.callFrame.functionName === '(garbage collector)' ? 'gc' : 'other';
  const seen = new Set();
  for (let id = n.id; id !== undefined; id = parent.get(id)) {
    const l = label(nodes.get(id));
    if (phases.includes(nodes.get(id).callFrame.functionName)) phase = nodes.get(id).callFrame.functionName;
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + dt);
  }
  if (n.callFrame.functionName !== '(idle)') {
    const w = timeline.get(bucket) ?? new Map();
    w.set(phase, (w.get(phase) ?? 0) + dt);
    timeline.set(bucket, w);
  }
}
const print = (title, m) => {
  console.log(`\n## ${title}`);
  for (const [k, v] of [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${v.toFixed(1).padStart(8)}  ${k}`);
};
print('self ms', self);
print('total ms (inclusive)', total);
console.log('\n## busy ms per 50 ms window');
for (const [k, w] of [...timeline.entries()].sort((a, b) => a[0] - b[0])) {
  const busy = [...w.values()].reduce((a, b) => a + b, 0);
  if (busy > 1) console.log(`${String(k).padStart(6)}  ${busy.toFixed(1).padStart(5)}  ${[...w.entries()].sort((a, b) => b[1] - a[1]).map(([p, v]) => `${p} ${v.toFixed(0)}`).join(', ')}`);
}
