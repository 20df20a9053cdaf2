import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import picomatch from 'picomatch';

const SKIPPED_DIRS = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;
/** Kustomize also reads a folder's kustomization from a file named `Kustomization`, without extension. */
const isManifestName = (name: string) => YAML_FILE.test(name) || name === 'Kustomization';

/** A Helm chart's templates/ folder (Chart.yaml beside it) holds Go templates, not manifests. */
function isHelmTemplates(dir: string): boolean {
  return basename(dir) === 'templates' && existsSync(join(dirname(dir), 'Chart.yaml'));
}

/** A segment `templates` somewhere in the path's folders (a cheap test before asking the file system). */
const TEMPLATES_SEGMENT = /[\\/]templates[\\/]/;

/**
 * Whether the file is a Helm chart template: under a templates/ folder (at any depth below it) of
 * a folder with a Chart.yaml. Such files are collected and reported as skipped (product.md §5),
 * never dropped silently.
 */
export function isChartTemplate(path: string): boolean {
  const full = resolve(path);
  if (!TEMPLATES_SEGMENT.test(full)) return false;
  for (let dir = dirname(full); dirname(dir) !== dir; dir = dirname(dir)) if (isHelmTemplates(dir)) return true;
  return false;
}

/**
 * Every YAML file under the given paths, sorted, without duplicates. A path given explicitly as a
 * file is always taken; walked files are filtered by the ignore globs (relative to `root`).
 */
export function collectFiles(paths: readonly string[], ignore: readonly string[], root: string): string[] {
  const ignored = ignore.length ? picomatch(ignore as string[], { dot: true }) : () => false;
  const out = new Set<string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      let stat;
      try {
        stat = statSync(full);
      } catch {
        continue;
      }
      if (stat.isDirectory()) {
        if (!SKIPPED_DIRS.has(name)) walk(full);
      } else if (isManifestName(name) && name !== '.kubesight.yaml' && !ignored(relative(root, full).split('\\').join('/'))) out.add(resolve(full));
    }
  };
  for (const p of paths) {
    const stat = statSync(p); // a missing path throws: the CLI reports it as bad usage
    if (stat.isDirectory()) walk(p);
    else out.add(resolve(p));
  }
  return [...out].sort();
}
