import { relative } from 'node:path';
import { buildKustomization } from '../core/kustomize/build/build';
import { catalogBuildEnv } from '../core/kustomize/build/catalog-env';
import type { Origin } from '../core/kustomize/build/resource';
import { LineIndex } from '../core/model/line-index';
import { diskBuildFiles, pathStatus } from '../io/kustomize-files';
import { bundledCatalog } from '../io/schema-source';
import { encodeManifest } from '../shared/manifest-yaml';

/**
 * `kubesight build <dir>`: the objects kustomize would build, as multi-document YAML on stdout
 * (exit 0); what was not built (remote resources, Helm charts, plugins) as notes on stderr; a
 * failed build as kustomize's message, with the file and line it comes from, on stderr (exit 1).
 */
export function buildCommand(dir: string, out: (s: string) => void, err: (s: string) => void): number {
  const status = pathStatus(dir);
  if (status !== 'kustomization') {
    err(`kubesight: ${status === 'missing' ? `${dir}: no such file or directory` : `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`}`);
    return 1;
  }
  const result = buildKustomization(dir.replace(/\\/g, '/').replace(/\/$/, ''), catalogBuildEnv(bundledCatalog(), diskBuildFiles));
  for (const note of result.notes) err(`kubesight: note: ${where(note.origin, dir)}${note.message}`);
  if (result.error) {
    err(`kubesight: error: ${where(result.error.origin, dir)}${result.error.message}`);
    return 1;
  }
  out(result.resources.map((r) => encodeManifest(r.value).replace(/\n$/, '')).join('\n---\n'));
  return 0;
}

function where(origin: Origin | undefined, dir: string): string {
  if (!origin) return '';
  const text = diskBuildFiles.read(origin.file) ?? '';
  const { line, character } = new LineIndex(text).positionAt(origin.start);
  return `${relative(dir, origin.file) || origin.file}:${line + 1}:${character + 1}: `;
}
