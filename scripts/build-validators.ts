// Generates dist/validators/<group>/<version>/<kind>.js: ajv standalone code for every bundled kind,
// so the language server and CLI load a ready validator instead of compiling one at run time
// (compiling a pod-template kind takes ~250 ms on a cold process; loading its code takes ~10 ms).
// Same ajv options and shared-definition layout as the run-time compiler (core/schema/catalog.ts).
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
const kinds: { file: string; id: string; hash: string }[] = [];
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
  kinds.push({ file: entry.file, id, hash: createHash('sha256').update(text).digest('hex') });
}

rmSync(outDir, { recursive: true, force: true });
const tmp = join('dist', '.validators-src');
for (const kind of kinds) {
  const source = join(tmp, kind.file.replace(/\.json$/, '.js'));
  mkdirSync(dirname(source), { recursive: true });
  // The hash lets the loader refuse code generated from a different schema file.
  writeFileSync(source, `${standaloneCode(ajv, { validate: kind.id })}\nmodule.exports.schemaHash = ${JSON.stringify(kind.hash)};\n`);
  buildSync({ entryPoints: [source], bundle: true, minify: true, platform: 'node', format: 'cjs', outfile: join(outDir, kind.file.replace(/\.json$/, '.js')), logLevel: 'error' });
}
rmSync(tmp, { recursive: true, force: true });
console.log(`validators: ${kinds.length} kinds precompiled into ${outDir}`);
