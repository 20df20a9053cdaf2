// Generates dist/validators: ajv standalone code for every bundled kind of every bundled Kubernetes
// version, so the language server and CLI load a ready validator instead of compiling one at run
// time (compiling a pod-template kind takes ~250 ms on a cold process; loading its code ~10 ms).
// Same ajv options and shared-definition layout as the run-time compiler (core/schema/catalog.ts).
// Code is content-addressed like the schemas (core/schema/schema-store.ts): each distinct kind
// schema (its `hash` in the version indexes) is generated once, whatever versions share it, and
// exported under that hash; dist/validators/index.json maps each hash to its module.
// The kinds with a pod template share one module per PodSpec body (pod-templates.<hash>.js):
// standalone code repeats every definition a module uses, and the PodSpec subtree is most of a
// pod-template kind's ~350 KB, so separate modules made a file of Deployments, StatefulSets, Jobs
// and CronJobs load and warm up four copies of it. Other kinds get a module each.
import standaloneCode from 'ajv/dist/standalone';
import { buildSync } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { newAjv } from '../server/src/core/schema/catalog';
import { SHARED_PREFIX, splitDefinitions } from '../server/src/core/schema/shared-definitions';
import { assembleKind, type BundledVersions, type SchemaBodies, type VersionIndex } from '../server/src/core/schema/schema-store';
import { contentHash } from './schema-folder';
import { assembleCatalogKind, bodiesFile, type CatalogIndex } from '../server/src/core/schema/crd-catalog';
import { withJsPatterns } from '../server/src/core/schema/go-regexp';

const schemasDir = 'schemas';
const outDir = join('dist', 'validators');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(join(schemasDir, file), 'utf8')) as T;
const bodies = readJson<SchemaBodies>('definitions.json');
const POD_SPEC = 'io.k8s.api.core.v1.PodSpec';

/** Descriptions are documentation, not validation: dropping them keeps the generated code small. */
function withoutDescriptions(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutDescriptions);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema)) if (!(k === 'description' && typeof v === 'string')) out[k] = withoutDescriptions(v);
  return out;
}

interface Kind {
  hash: string;
  schema: object;
}

/** Module path → the distinct kinds it holds. */
const modules = new Map<string, Map<string, Kind>>();
for (const version of readJson<BundledVersions>('versions.json').versions) {
  const index = readJson<VersionIndex>(join(version, 'index.json'));
  for (const entry of index.kinds) {
    const schema = assembleKind(entry, bodies[entry.root], (name) => bodies[index.definitions[name]]);
    if (contentHash(JSON.stringify(schema)) !== entry.hash) throw new Error(`${version}/${entry.file}: the index hash does not match the stored schema; run npm run schemas`);
    const podSpec = index.definitions[POD_SPEC];
    const module = podSpec && POD_SPEC in (schema as { definitions: object }).definitions ? `pod-templates.${podSpec}.js` : entry.file.replace(/\.json$/, `.${entry.hash}.js`);
    const members = modules.get(module) ?? new Map<string, Kind>();
    members.set(entry.hash, { hash: entry.hash, schema });
    modules.set(module, members);
  }
}

// The bundled CRD catalog (schemas/catalog): one module per group and kind, holding its versions
// and Gateway API channels, which share most subtrees (core/schema/crd-catalog.ts). One module per
// project made a ServiceMonitor load the 2.9 MB of the Prometheus operator's pod-template kinds.
// CRD patterns are Go regular expressions, translated here as the run-time compiler does for
// custom kinds (catalog.ts `compileSchema`).
const catalog = readJson<CatalogIndex>(join('catalog', 'index.json'));
let droppedPatterns = 0;
for (const project of catalog.projects) {
  const projectBodies = readJson<SchemaBodies>(join('catalog', bodiesFile(project.id)));
  for (const kind of catalog.kinds.filter((k) => k.project === project.id)) {
    const assembled = assembleCatalogKind(kind, projectBodies);
    if (contentHash(JSON.stringify(assembled)) !== kind.hash) throw new Error(`catalog ${kind.group}/${kind.version} ${kind.kind}: the index hash does not match; run npm run crd-catalog`);
    const { schema, dropped } = withJsPatterns(assembled);
    droppedPatterns += dropped.length;
    const module = `catalog/${project.id}/${kind.group}.${kind.kind.toLowerCase()}.js`;
    const members = modules.get(module) ?? new Map<string, Kind>();
    members.set(kind.hash, { hash: kind.hash, schema });
    modules.set(module, members);
  }
}

rmSync(outDir, { recursive: true, force: true });
const tmp = join('dist', '.validators-src');
const manifest: Record<string, string> = {};
for (const [module, members] of modules) {
  // One ajv per module: a definition name has a different body in another version.
  const ajv = newAjv({ code: { source: true, lines: false } });
  const registered = new Set<string>();
  for (const kind of members.values()) {
    const { root, definitions } = splitDefinitions(withoutDescriptions(kind.schema) as object);
    for (const [name, definition] of Object.entries(definitions)) {
      if (registered.has(name)) continue;
      registered.add(name);
      ajv.addSchema(definition, SHARED_PREFIX + name);
    }
    ajv.addSchema(root, `kind:${kind.hash}`);
    manifest[kind.hash] = module;
  }
  const source = join(tmp, module);
  mkdirSync(dirname(source), { recursive: true });
  writeFileSync(source, standaloneCode(ajv, Object.fromEntries([...members.keys()].map((hash) => [hash, `kind:${hash}`]))));
  buildSync({ entryPoints: [source], bundle: true, minify: true, platform: 'node', format: 'cjs', outfile: join(outDir, module), logLevel: 'error' });
}
writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(manifest, null, 1)}\n`);
rmSync(tmp, { recursive: true, force: true });
console.log(`validators: ${Object.keys(manifest).length} distinct kind schemas precompiled into ${modules.size} modules in ${outDir} (catalog: ${droppedPatterns} patterns without a JavaScript equivalent left unchecked)`);
