// The only writer of schemas/catalog/: `npm run crd-catalog` (default source ../shared/crds).
// All the work is in crd-catalog.ts; this file only reads the CRD folder and writes files.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generateCrdCatalog } from './crd-catalog';

function main(): void {
  const source = resolve(process.argv[2] ?? '../shared/crds');
  const files = generateCrdCatalog({ readText: (rel) => readFileSync(join(source, rel), 'utf8') });
  const outDir = resolve(__dirname, '..', 'schemas', 'catalog');
  rmSync(outDir, { recursive: true, force: true });
  let bytes = 0;
  for (const [rel, text] of files) {
    mkdirSync(dirname(join(outDir, rel)), { recursive: true });
    writeFileSync(join(outDir, rel), text);
    bytes += Buffer.byteLength(text);
  }
  console.log(`crd catalog: ${files.size} files, ${(bytes / 1e6).toFixed(2)} MB in ${outDir}`);
}

main();
