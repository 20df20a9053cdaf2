// Generates dist/validators: ajv standalone code for every bundled kind, so the language server and
// CLI load a ready validator instead of compiling one at run time (compiling a pod-template kind
// takes ~250 ms on a cold process; loading its code takes ~10 ms). Same ajv options and
// shared-definition layout as the run-time compiler (core/schema/catalog.ts).
// Each module exports its kinds' validators under their schema file names (`apps/v1/deployment.json`)
// and `schemaHashes`; dist/validators/index.json maps each schema file to its module. The kinds with
// a pod template share one module (pod-templates.js): standalone code repeats every definition a
// module uses, and the PodSpec subtree is most of a pod-template kind's ~350 KB, so separate modules
// made a file of Deployments, StatefulSets, Jobs and CronJobs load and warm up four copies of it.
import standaloneCode from 'ajv/dist/standalone';
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { newAjv, type SchemaIndex } from '../server/src/core/schema/catalog';
import { SHARED_PREFIX, splitDefinitions } from '../server/src/core/schema/shared-definitions';

const schemasDir = 'schemas';
const outDir = join('dist', 'validators');
const index = JSON.parse(readFileSync(join(schemasDir, 'index.json'), 'utf8')) as SchemaIndex;

/** Descriptions are documentation, not validation: dropping them keeps the generated code small. */
function withoutDescriptions(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDescriptions);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) if (!(k === 'description' && typeof v === 'string')) out[k] = withoutDescriptions(v);
  return out;
}

const ajv = newAjv({ code: { source: true, lines: false } });
const registered = new Set<string>();
const POD_SPEC = 'io.k8s.api.core.v1.PodSpec';
const kinds: { file: string; id: string; hash: string; module: string }[] = [];
for (const entry of index.kinds) {
  if (!entry.file) continue;
  const text = readFileSync(join(schemasDir, entry.file), 'utf8');
  const { root, definitions } = splitDefinitions(withoutDescriptions(JSON.parse(text)) as object);
  for (const [name, definition] of Object.entries(definitions)) {
    if (registered.has(name)) continue;
    registered.add(name);
    ajv.addSchema(definition, SHARED_PREFIX + name);
  }
  const id = `kind:${entry.file}`;
  ajv.addSchema(root, id);
  const module = POD_SPEC in definitions ? 'pod-templates.js' : entry.file.replace(/\.json$/, '.js');
  kinds.push({ file: entry.file, id, hash: createHash('sha256').update(text).digest('hex'), module });
}

rmSync(outDir, { recursive: true, force: true });
const tmp = join('dist', '.validators-src');
const modules = new Map<string, typeof kinds>();
for (const kind of kinds) modules.set(kind.module, [...(modules.get(kind.module) ?? []), kind]);
for (const [module, members] of modules) {
  const source = join(tmp, module);
  mkdirSync(dirname(source), { recursive: true });
  const code = standaloneCode(ajv, Object.fromEntries(members.map((k) => [k.file, k.id])));
  // The hashes let the loader refuse code generated from a different schema file.
  const hashes = Object.fromEntries(members.map((k) => [k.file, k.hash]));
  writeFileSync(source, `${code}\nmodule.exports.schemaHashes = ${JSON.stringify(hashes)};\n`);
  buildSync({ entryPoints: [source], bundle: true, minify: true, platform: 'node', format: 'cjs', outfile: join(outDir, module), logLevel: 'error' });
}
writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(Object.fromEntries(kinds.map((k) => [k.file, k.module])), null, 1)}\n`);
rmSync(tmp, { recursive: true, force: true });
console.log(`validators: ${kinds.length} kinds precompiled into ${modules.size} modules in ${outDir}`);
