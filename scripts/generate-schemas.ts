// The only writer of schemas/: `npm run schemas -- ../shared/k8s-openapi/1.35`.
// All the work is in schema-generator.ts; this file only reads the OpenAPI folder and writes files.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { generateSchemas } from './schema-generator';

/** Every file below `dir`, as forward-slash paths relative to it. */
export function listFilesRecursive(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return listFilesRecursive(full, base);
    return [relative(base, full).split('\\').join('/')];
  });
}

function main(): void {
  const source = process.argv[2];
  if (!source) {
    console.error('usage: tsx scripts/generate-schemas.ts <openapi-folder, e.g. ../shared/k8s-openapi/1.35>');
    process.exit(2);
  }
  const root = resolve(source);
  const files = generateSchemas(
    (rel) => JSON.parse(readFileSync(join(root, rel), 'utf8')),
    () => listFilesRecursive(root),
    basename(root),
  );
  const outDir = resolve(__dirname, '..', 'schemas');
  // Start clean so that kinds dropped upstream do not linger.
  rmSync(outDir, { recursive: true, force: true });
  let bytes = 0;
  for (const [rel, content] of files) {
    const target = join(outDir, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    bytes += Buffer.byteLength(content);
  }
  console.log(`schemas/: ${files.size - 1} kinds, ${(bytes / 1024 / 1024).toFixed(1)} MiB in ${files.size} files`);
}

if (require.main === module) main();
