// Compiles every served version schema of every CRD under a folder (default ../shared/crds) with
// the catalog, as a workspace CRD would be, and lists what the validator cannot check: schemas that
// do not compile and Go patterns without a faithful JavaScript translation.
//   npx tsx scripts/crd-compile-report.ts [folder]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseFile } from '../server/src/core/model/parse';
import { resourcesOfFile } from '../server/src/core/model/resource';
import { customKindsOf } from '../server/src/core/schema/crd';
import { bundledCatalog } from '../server/src/io/schema-source';

const root = process.argv[2] ?? join(__dirname, '..', '..', 'shared', 'crds');
const yamlFiles = (dir: string): string[] =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(name) ? [path] : [];
    });

const base = bundledCatalog();
let versions = 0;
let uncompiled = 0;
let partial = 0;
for (const file of yamlFiles(root)) {
  const kinds = customKindsOf(resourcesOfFile(parseFile(readFileSync(file, 'utf8'))), relative(root, file));
  const catalog = base.withCustomKinds(kinds);
  for (const kind of kinds) {
    if (!kind.schema) continue;
    versions++;
    const problems = catalog.schemaProblems(kind);
    if (!catalog.validator(kind)) uncompiled++;
    else if (problems.length) partial++;
    for (const p of problems) console.log(`${relative(root, file)}: ${kind.group}/${kind.version} ${kind.kind}: ${p}`);
  }
}
console.log(`CRD version schemas: ${versions}; not compiled: ${uncompiled}; compiled without some patterns: ${partial}`);
