// The only writer of schemas/: `npm run schemas -- ../shared/k8s-openapi` (one folder per version).
// All the work is in schema-folder.ts; this file only reads the OpenAPI folders and writes files.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { generateSchemaFolder, type OpenApiVersion } from './schema-folder';

/** Every file below `dir`, as forward-slash paths relative to it. */
export function listFilesRecursive(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return listFilesRecursive(full, base);
    return [relative(base, full).split('\\').join('/')];
  });
}

/** The version folders (`1.30`, …) of an OpenAPI root such as ../shared/k8s-openapi. */
export function openApiVersions(root: string): OpenApiVersion[] {
  return readdirSync(root)
    .filter((name) => /^\d+\.\d+$/.test(name) && statSync(join(root, name)).isDirectory())
    .map((version) => {
      const dir = join(root, version);
      return { version, readJson: (rel: string) => JSON.parse(readFileSync(join(dir, rel), 'utf8')), listFiles: () => listFilesRecursive(dir) };
    });
}

function main(): void {
  const source = process.argv[2];
  if (!source) {
    console.error('usage: tsx scripts/generate-schemas.ts <OpenAPI root with one folder per version, e.g. ../shared/k8s-openapi>');
    process.exit(2);
  }
  const versions = openApiVersions(resolve(source));
  if (versions.length === 0) {
    console.error(`${source}: no version folders (1.30, 1.31, ...)`);
    process.exit(2);
  }
  const files = generateSchemaFolder(versions);
  const outDir = resolve(__dirname, '..', 'schemas');
  // Start clean so that kinds dropped upstream do not linger; schemas/catalog is another generator's.
  for (const name of readdirSync(outDir)) if (name !== 'catalog') rmSync(join(outDir, name), { recursive: true, force: true });
  let bytes = 0;
  for (const [rel, content] of files) {
    const target = join(outDir, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    bytes += Buffer.byteLength(content);
  }
  console.log(`schemas/: Kubernetes ${versions.map((v) => v.version).join(', ')}; ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${files.size} files`);
}

if (require.main === module) main();
