import { effectiveSeverity, type Config } from '../config';
import type { Finding } from '../findings';
import type { ParsedFile } from '../model/parse';
import { rangeOfPath } from '../model/path';
import { resourcesOfDocument, type Resource } from '../model/resource';
import { ALL_RULES } from '../rules';
import type { Report, ResourceContext, Rule } from '../rules/rule';
import type { SchemaCatalog } from '../schema/catalog';
import { applySuppressions } from './suppressions';
import { asPlaceholderWarning, placeholderIn } from './placeholders';
import type { FindingsCache } from './findings-cache';
import { ResourceFacts } from '../rules/facts';
import type { Workspace } from '../workspace/workspace';
import type { Baseline } from '../immutable/baseline';

export interface DiagnosticsEnv {
  catalog: SchemaCatalog;
  config: Config;
  /** Defaults to every rule; tests pass one rule. */
  rules?: readonly Rule[];
  /** Reuses findings of documents whose text did not change (hosts keep one). */
  cache?: FindingsCache;
  /** The workspace the file belongs to; workspace rules run only with one. */
  workspace?: Workspace;
  uri?: string;
  /** Earlier versions of the objects, for immutable-field. */
  baseline?: Baseline;
}

/** Diagnoses one file of a workspace snapshot; [] when the snapshot does not hold it. */
export function diagnoseWorkspaceFile(workspace: Workspace, uri: string, env: DiagnosticsEnv): Finding[] {
  const file = workspace.file(uri);
  return file ? diagnoseFile(file.parsed, { ...env, workspace, uri }) : [];
}

/** Every finding of one file: syntax first; documents with syntax errors get nothing else (product.md §6). */
export function diagnoseFile(file: ParsedFile, env: DiagnosticsEnv): Finding[] {
  if (file.skipped) return [];
  const rules = (env.rules ?? ALL_RULES).filter((r) => effectiveSeverity(env.config, r.meta.id, r.meta.severity) !== 'off');
  const findings: Finding[] = [];
  const fileCtx = { file, catalog: env.catalog, kubernetesVersion: env.config.kubernetesVersion };
  for (const rule of rules) {
    if (!rule.checkFile) continue;
    for (const report of safely(() => rule.checkFile!(fileCtx))) pushFinding(findings, rule, report, env.config, undefined);
  }
  // Document-scoped findings depend on the document's text only and may come from the cache;
  // workspace-scoped ones depend on other files and are computed every time.
  const documentRules = rules.filter((r) => r.checkResource && !isWorkspaceScoped(r));
  const workspaceRules = env.workspace || env.baseline ? rules.filter((r) => r.checkResource && isWorkspaceScoped(r)) : [];
  const base = { ...fileCtx, uri: env.uri ?? '', workspace: env.workspace, baseline: env.baseline, facts: new ResourceFacts(env.workspace) };
  for (const document of file.documents) {
    if (document.errors.length > 0) continue;
    const resources = resourcesOfDocument(document);
    const cached = env.cache?.get(document, env.catalog, env.config);
    if (cached) findings.push(...cached);
    else {
      const own = runRules(documentRules, resources, base, env.config);
      env.cache?.set(document, env.catalog, env.config, own);
      findings.push(...own);
    }
    if (workspaceRules.length > 0) findings.push(...runRules(workspaceRules, resources, base, env.config));
  }
  // Rule ids are ASCII: compared by code unit (localeCompare's first call sets up ICU's collator, ~6 ms of a first open).
  findings.sort((a, b) => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  return applySuppressions(findings, file.text, file.lines);
}

function isWorkspaceScoped(rule: Rule): boolean {
  return rule.meta.scope !== 'document' && rule.meta.scope !== 'file';
}

function runRules(rules: readonly Rule[], resources: Resource[], base: Omit<ResourceContext, 'resource'>, config: Config): Finding[] {
  const out: Finding[] = [];
  for (const resource of resources) {
    const ctx = { ...base, resource };
    for (const rule of rules) for (const report of safely(() => rule.checkResource!(ctx))) pushFinding(out, rule, report, config, resource);
  }
  return out;
}

/** A rule that throws on strange input loses its findings for that object, never the whole file. */
function safely(run: () => Report[]): Report[] {
  try {
    return run();
  } catch {
    return [];
  }
}

function pushFinding(out: Finding[], rule: Rule, report: Report, config: Config, resource: Resource | undefined): void {
  const severity = effectiveSeverity(config, rule.meta.id, report.severity ?? rule.meta.severity);
  if (severity === 'off') return;
  // A rule's severity override (e.g. deprecated → warning) is kept unless the user overrode the rule.
  const finalSeverity = config.rules[rule.meta.id] ? severity : (report.severity ?? severity);
  const range = report.range ?? (resource ? rangeOfResourcePath(resource, report) : undefined);
  if (!range) return;
  const placeholder = finalSeverity === 'error' && resource ? placeholderIn(resource.document.source, range[0] - resource.document.chunkStart, range[1] - resource.document.chunkStart) : undefined;
  if (placeholder) out.push({ ruleId: rule.meta.id, severity: 'warning', message: asPlaceholderWarning(report.message, placeholder), start: range[0], end: range[1], fixes: report.fixes });
  else out.push({ ruleId: rule.meta.id, severity: finalSeverity, message: report.message, start: range[0], end: range[1], fixes: report.fixes });
}

function rangeOfResourcePath(resource: Resource, report: Report): readonly [number, number] | undefined {
  const path = report.path ?? [];
  return rangeOfPath(resource.node, path, report.at) ?? rangeOfPath(resource.node, ['kind'], 'value');
}
