#!/usr/bin/env node
// The "physical floor": what parsing + schema validation costs in-process, with no LSP, no
// debounce and no JSON-RPC. For each input: `yaml` (eemeli/yaml) parseAllDocuments over the whole
// text, doc.toJS() of every document, and ajv validation of every object against its per-kind
// validator (compiled once from schemas/k8s-1.35-all.json; compile time reported separately).
//
//   node floor.mjs [--reps 15] [--warmup 5] [--out results/floor.json] workloads/small.yaml workloads/medium.yaml ...
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { createValidator } from './lib/k8s-validate.mjs';
import { summarize, fmt, markdownTable } from './lib/stats.mjs';
import { readStatus } from './lib/proc.mjs';
import { findTargets } from './lib/targets.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
let reps = 15;
let warmup = 5;
let out = path.join(here, 'results', 'floor.json');
const inputs = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--reps') reps = Number(argv[++i]);
  else if (argv[i] === '--warmup') warmup = Number(argv[++i]);
  else if (argv[i] === '--out') out = path.resolve(argv[++i]);
  else inputs.push(path.resolve(argv[i]));
}
if (!inputs.length) {
  for (const n of ['small.yaml', 'medium.yaml', 'large.yaml', 'workspace']) inputs.push(path.join(here, 'workloads', n));
}

function listYaml(p) {
  if (!fs.statSync(p).isDirectory()) return [p];
  const outFiles = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const q = path.join(d, e.name);
      if (e.isDirectory()) walk(q);
      else if (/\.ya?ml$/.test(e.name)) outFiles.push(q);
    }
  };
  walk(p);
  return outFiles.sort();
}

const yamlVersion = JSON.parse(fs.readFileSync(path.join(here, '..', 'node_modules/yaml/package.json'), 'utf8')).version;
const ajvVersion = JSON.parse(fs.readFileSync(path.join(here, '..', 'node_modules/ajv/package.json'), 'utf8')).version;
const tSchema = performance.now();
const validator = createValidator(path.join(here, 'schemas', 'k8s-1.35-all.json'));
const schemaLoadMs = performance.now() - tSchema;

const results = [];
for (const input of inputs) {
  const files = listYaml(input).map((f) => fs.readFileSync(f, 'utf8'));
  const lines = files.reduce((a, t) => a + t.split('\n').length - 1, 0);
  // compile every validator this input needs (cold compile cost, once per process per kind)
  const tc = performance.now();
  let kindsCompiled = 0;
  for (const t of files) {
    for (const d of YAML.parseAllDocuments(t)) {
      const o = d.toJS();
      if (o && validator.validatorFor(o.apiVersion, o.kind)) kindsCompiled++;
    }
  }
  const compileAndFirstPassMs = performance.now() - tc;
  const parse = [];
  const toJS = [];
  const validate = [];
  const total = [];
  let docs = 0;
  let errors = 0;
  // small inputs: more reps (at least ~1.5 s of work) so GC/JIT noise does not dominate the median
  const te = performance.now();
  for (const t of files) for (const d of YAML.parseAllDocuments(t)) validator.validate(d.toJS());
  const estMs = Math.max(0.5, performance.now() - te);
  const nReps = Math.max(reps, Math.min(500, Math.ceil(1500 / estMs)));
  const nWarm = Math.max(warmup, Math.floor(nReps / 4));
  for (let r = -nWarm; r < nReps; r++) {
    let tp = 0;
    let tj = 0;
    let tv = 0;
    docs = 0;
    errors = 0;
    for (const t of files) {
      const a = performance.now();
      const parsed = YAML.parseAllDocuments(t);
      const b = performance.now();
      const objs = parsed.map((d) => d.toJS());
      const c = performance.now();
      for (const o of objs) {
        if (o == null) continue;
        docs++;
        errors += validator.validate(o).length;
      }
      const d = performance.now();
      tp += b - a;
      tj += c - b;
      tv += d - c;
    }
    if (r < 0) continue; // warm-up rep (JIT), not recorded
    parse.push(tp);
    toJS.push(tj);
    validate.push(tv);
    total.push(tp + tj + tv);
  }
  // incremental floor: re-parse + validate only the YAML document that bench.mjs edits
  // (the document around the edit target of the primary file), as an incremental server could
  const primary = files.find((t) => /^kind:\s*Deployment\s*$/m.test(t)) ?? files[0];
  const tg = findTargets(primary);
  const plines = primary.split('\n');
  let ds = tg.edit ? tg.edit.line : 0;
  let de = ds;
  while (ds > 0 && !/^---(\s|$)/.test(plines[ds - 1])) ds--;
  while (de < plines.length && !/^---(\s|$)/.test(plines[de])) de++;
  const docText = plines.slice(ds, de).join('\n');
  const one = [];
  for (let r = -50; r < 200; r++) {
    const a = performance.now();
    for (const d of YAML.parseAllDocuments(docText)) validator.validate(d.toJS());
    if (r >= 0) one.push(performance.now() - a);
  }
  results.push({
    editedDocument: { lines: de - ds, parseValidateMs: summarize(one) },
    input: path.relative(here, input),
    files: files.length,
    lines,
    bytes: files.reduce((a, t) => a + Buffer.byteLength(t), 0),
    documents: docs,
    schemaErrors: errors,
    reps: nReps,
    firstPassWithCompileMs: compileAndFirstPassMs,
    parseMs: summarize(parse),
    toJSMs: summarize(toJS),
    validateMs: summarize(validate),
    totalMs: summarize(total),
  });
}
const mem = readStatus(process.pid);
const report = {
  date: new Date().toISOString(),
  node: process.version,
  yaml: yamlVersion,
  ajv: ajvVersion,
  reps,
  warmup,
  schemaLoadMs,
  process: { rssMiB: mem.rssKiB / 1024, hwmMiB: mem.hwmKiB / 1024 },
  results,
};
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(report, null, 1));
console.log(`\n### physical floor: yaml ${yamlVersion} parseAllDocuments + toJS + ajv ${ajvVersion} per-kind validation, in-process, >= ${reps} reps after warm-up (median [min-max] ms)\n`);
console.log(
  markdownTable(
    ['input', 'files', 'lines', 'docs', 'parse', 'toJS', 'ajv validate', 'total', 'edited doc only', 'first pass incl. ajv compile', 'schema errors'],
    results.map((r) => [
      r.input,
      r.files,
      r.lines,
      r.documents,
      `${fmt(r.parseMs.median)} [${fmt(r.parseMs.min)}-${fmt(r.parseMs.max)}]`,
      fmt(r.toJSMs.median),
      fmt(r.validateMs.median),
      `${fmt(r.totalMs.median)} [${fmt(r.totalMs.min)}-${fmt(r.totalMs.max)}]`,
      `${fmt(r.editedDocument.parseValidateMs.median)} (${r.editedDocument.lines} lines)`,
      fmt(r.firstPassWithCompileMs),
      r.schemaErrors,
    ]),
  ),
);
console.log(`\nschema load (JSON.parse + ajv.addSchema): ${fmt(schemaLoadMs)} ms; process RSS ${fmt(mem.rssKiB / 1024)} MiB (peak ${fmt(mem.hwmKiB / 1024)} MiB)`);
console.error(`wrote ${path.relative(process.cwd(), out)}`);
