// The fuzz corpus: real manifests from examples/ and test/fixtures/rules/**, in a fixed order (so a
// seed always means the same cases).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(name) ? [full] : [];
    });
}

export interface CorpusFile {
  path: string;
  text: string;
}

export function loadCorpus(root = resolve(__dirname, '../..')): CorpusFile[] {
  return ['examples', 'test/fixtures/rules'].flatMap((dir) =>
    yamlFiles(join(root, dir)).map((full) => ({ path: relative(root, full), text: readFileSync(full, 'utf8') })),
  );
}
