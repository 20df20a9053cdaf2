import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '../core/config';
import { diagnoseConfigFile, diagnoseWorkspaceFile } from '../core/features/diagnostics';
import { parseFile } from '../core/model/parse';
import type { Finding } from '../core/findings';
import { LineIndex } from '../core/model/line-index';
import type { SchemaCatalog } from '../core/schema/catalog';
import { Workspace } from '../core/workspace/workspace';
import { FindingsCache } from '../core/features/findings-cache';
import { WorkspaceCatalog } from '../core/workspace/custom-kinds';
import { schemaSourceLine } from '../core/features/hover';
import type { Baseline } from '../core/immutable/baseline';
import { isChartTemplate } from '../io/files';
import { kustomizeFactsOf } from '../io/kustomize-paths';
import { diskBuildFiles } from '../io/kustomize-files';
import { BuildDiagnostics } from '../core/features/build-diagnostics';

/** Files larger than this are not analysed (a generated dump, not a manifest someone edits). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface FileResult {
  /** Relative to the working directory, forward slashes. */
  filePath: string;
  lines: LineIndex;
  findings: Finding[];
  /** The custom resources of the file and where their schemas came from (catalog, CRD), for --format json. */
  customSchemas?: { apiVersion: string; kind: string; schemaFrom: string }[];
}

interface Loaded {
  path: string;
  text?: string;
  problem?: string;
}

function load(path: string): Loaded {
  const bytes = readFileSync(path);
  if (bytes.length > MAX_FILE_BYTES) return { path, problem: `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB; not analysed` };
  if (bytes.includes(0)) return { path, problem: 'file contains NUL bytes (binary?); not analysed' };
  try {
    return { path, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '') };
  } catch {
    return { path, problem: 'file is not valid UTF-8; not analysed' };
  }
}

/** Checks the files as one workspace: references resolve across all of them. */
export function checkFiles(paths: readonly string[], catalog: SchemaCatalog, config: Config, cwd: string, baseline?: Baseline): FileResult[] {
  const loaded = paths.map(load);
  const namespaced = (group: string, kind: string) => catalog.isNamespaced(group, kind);
  let workspace = Workspace.empty(namespaced, true);
  for (const f of loaded) if (f.text !== undefined) workspace = workspace.withFile(uriOf(f.path), f.text, 0, { chartTemplate: isChartTemplate(f.path), ...kustomizeFactsOf(f.path, f.text, catalog) });
  const cache = new FindingsCache();
  const withCrds = new WorkspaceCatalog(catalog).for(workspace, { channel: config.gatewayAPIChannel });
  // Each application root's kustomize build is checked; the files the builds read are checked through them.
  const builds = new BuildDiagnostics().view(workspace, { catalog: withCrds, configFor: () => config, cache, files: diskBuildFiles });
  return loaded.map((f) => {
    const filePath = relative(cwd, f.path).split('\\').join('/') || f.path;
    if (f.text === undefined) {
      return { filePath, lines: new LineIndex(''), findings: [{ ruleId: 'yaml-syntax', severity: 'info', message: f.problem ?? 'not analysed', start: 0, end: 0 }] };
    }
    const uri = uriOf(f.path);
    const findings = diagnoseWorkspaceFile(workspace, uri, { catalog: withCrds, config, cache, baseline, builds });
    const file = workspace.file(uri)!;
    const customSchemas = customSchemasOf(file.objects.map((o) => o.resource), withCrds);
    return { filePath, lines: file.parsed.lines, findings, ...(customSchemas.length ? { customSchemas } : {}) };
  });
}

/** Each custom resource kind of a file once, with the words hover uses for its schema's source. */
function customSchemasOf(resources: readonly { apiVersion: string; group: string; version: string; kind: string }[], catalog: SchemaCatalog): NonNullable<FileResult['customSchemas']> {
  const out = new Map<string, { apiVersion: string; kind: string; schemaFrom: string }>();
  for (const r of resources) {
    const entry = catalog.entry(r.group, r.version, r.kind);
    const line = entry ? schemaSourceLine(entry) : undefined;
    if (line) out.set(`${r.apiVersion}/${r.kind}`, { apiVersion: r.apiVersion, kind: r.kind, schemaFrom: line.replace(/^Schema from /, '') });
  }
  return [...out.values()];
}

/** The findings on the configuration file itself (unknown keys and rule ids: config-file). */
export function checkConfigFile(path: string, config: Config, cwd: string, bundledVersions: readonly string[]): FileResult {
  const parsed = parseFile(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  const filePath = relative(cwd, path).split('\\').join('/') || path;
  return { filePath, lines: parsed.lines, findings: diagnoseConfigFile(parsed, config, bundledVersions) };
}

function uriOf(path: string): string {
  return pathToFileURL(path).href;
}
