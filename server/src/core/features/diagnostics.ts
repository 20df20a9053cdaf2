import { effectiveSeverity, isConfigFile, type Config } from '../config';
import type { Finding } from '../findings';
import type { ParsedDocument, ParsedFile } from '../model/parse';
import { rangeOfPath } from '../model/path';
import { resourcesOfDocument, type Resource } from '../model/resource';
import { ALL_RULES } from '../rules';
import { internalError, ruleFailureMessage } from '../rules/internal-error';
import { configFile, configFileReports } from '../rules/config-file';
import type { Report, ResourceContext, Rule } from '../rules/rule';
import type { SchemaCatalog } from '../schema/catalog';
import { applySuppressions, suppress } from './suppressions';
import { disableComment, disableCommentReports } from '../rules/disable-comment';
import { asPlaceholderWarning, placeholderIn } from './placeholders';
import type { FindingsCache } from './findings-cache';
import { ResourceFacts } from '../rules/facts';
import type { Workspace } from '../workspace/workspace';
import type { Baseline } from '../immutable/baseline';
import { NO_TOOLS, type ToolContext } from '../workspace/build-tools';
import { holdsPatchDirectives } from '../kustomize/patch-document';
import type { BuildFindings } from './build-diagnostics';

/** The ids disable comments and `.kubesight.yaml` may name. */
const KNOWN_RULE_IDS: readonly string[] = ALL_RULES.map((r) => r.meta.id);

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
  /** What build tools do to this file (patch, tagged images); from the workspace, else none. */
  tools?: ToolContext;
  /** The findings of the Kustomize builds (build-diagnostics.ts); a file a build read is checked through them. */
  builds?: BuildFindings;
  /**
   * Workspace-rule findings the caller knows still hold for a document (nothing they read
   * changed: build-diagnostics.ts), and where to keep the fresh ones.
   */
  workspaceFindings?: KeptFindings;
}

/** Findings kept per document by a caller that tracks what they depend on. */
export interface KeptFindings {
  get(document: ParsedDocument): Finding[] | undefined;
  set(document: ParsedDocument, findings: readonly Finding[]): void;
}

/** Diagnoses one file of a workspace snapshot; [] when the snapshot does not hold it. */
export function diagnoseWorkspaceFile(workspace: Workspace, uri: string, env: DiagnosticsEnv): Finding[] {
  const file = workspace.file(uri);
  return file ? diagnoseFile(file.parsed, { ...env, workspace, uri, tools: workspace.tools.contextFor(uri) }) : [];
}

/**
 * Every finding of one file: syntax first; documents with syntax errors get nothing else (product.md §6).
 * A skipped file (a Helm template) has no documents: it gets only its file rules' findings, which
 * say that it was skipped.
 */
export function diagnoseFile(file: ParsedFile, env: DiagnosticsEnv): Finding[] {
  if (isConfigFile(env.uri)) return diagnoseConfigFile(file, env.config, env.catalog.versions?.versions);
  const rules = (env.rules ?? ALL_RULES).filter((r) => effectiveSeverity(env.config, r.meta.id, r.meta.severity) !== 'off');
  const findings: Finding[] = [];
  // The catalog is the target version's (features/target-version.ts): the hosts choose it.
  const fileCtx = { file, catalog: env.catalog, uri: env.uri };
  for (const rule of rules) {
    if (!rule.checkFile) continue;
    runRule(findings, rule, () => rule.checkFile!(fileCtx), env.config, undefined);
  }
  if (file.skipped) return applySuppressions(findings, file.text, file.lines);
  // Document-scoped findings depend on the document's text only and may come from the cache;
  // workspace-scoped ones depend on other files and are computed every time. A file a Kustomize
  // build read gets its objects' findings from the builds instead (what is applied is the build).
  const throughBuilds = !!env.uri && !!env.builds?.covers(env.uri);
  const own = throughBuilds ? rules.filter((r) => !env.builds!.ruleIds.has(r.meta.id)) : rules;
  const documentRules = own.filter((r) => r.checkResource && !isWorkspaceScoped(r));
  const workspaceRules = env.workspace || env.baseline ? own.filter((r) => r.checkResource && isWorkspaceScoped(r)) : [];
  if (env.uri && env.builds) findings.push(...env.builds.findingsFor(env.uri).filter((f) => rules.some((r) => r.meta.id === f.ruleId)));
  const tools = env.tools ?? NO_TOOLS;
  const base = { ...fileCtx, uri: env.uri ?? '', workspace: env.workspace, baseline: env.baseline, facts: new ResourceFacts(env.workspace), imagesSetByTools: tools.imagesSetByTools };
  for (const document of file.documents) {
    if (document.errors.length > 0) continue;
    if (documentRules.length === 0 && workspaceRules.length === 0) break;
    const resources = resourcesOfDocument(document);
    // The tool context is part of the key: the same text is a whole object in one place and a patch in another.
    // A file checked through builds runs no document rule here (and must not read the cache of its plain check).
    const cached = throughBuilds ? [] : env.cache?.get(document, env.catalog, env.config, tools.key);
    if (cached) findings.push(...cached);
    else {
      const own = runRules(documentRules, resources, base, env.config, !!tools.patchOf);
      env.cache?.set(document, env.catalog, env.config, own, tools.key);
      findings.push(...own);
    }
    if (workspaceRules.length === 0) continue;
    const kept = env.workspaceFindings?.get(document);
    const found = kept ?? runRules(workspaceRules, resources, base, env.config, !!tools.patchOf);
    if (!kept) env.workspaceFindings?.set(document, found);
    findings.push(...found);
  }
  const ran = new Set([...rules.filter((r) => r.checkFile || documentRules.includes(r) || workspaceRules.includes(r) || (throughBuilds && env.builds!.ruleIds.has(r.meta.id))).map((r) => r.meta.id), internalError.meta.id]);
  return withDirectiveFindings(findings, file, env.config, ran);
}

/** Applies the disable comments, then reports the comments themselves (disable-comment). */
function withDirectiveFindings(findings: Finding[], file: ParsedFile, config: Config, ran: ReadonlySet<string>): Finding[] {
  const { kept, uses } = suppress(findings, file.text, file.lines);
  if (uses.length === 0) return sortFindings(kept);
  const own: Finding[] = [];
  runRule(own, disableComment, () => disableCommentReports(uses, KNOWN_RULE_IDS, ran), config, undefined);
  // `kubesight-disable-file disable-comment` silences these too.
  return sortFindings([...kept, ...suppress(own, file.text, file.lines).kept]);
}

function sortFindings(findings: Finding[]): Finding[] {
  // Rule ids are ASCII: compared by code unit (localeCompare's first call sets up ICU's collator, ~6 ms of a first open).
  return findings.sort((a, b) => a.start - b.start || a.end - b.end || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}

/** `.kubesight.yaml` (or the file given as `--config`) holds settings, not manifests: only its own rule reads it. */
/** `bundledVersions`: the Kubernetes versions the host bundles (a version outside them is an error). */
export function diagnoseConfigFile(file: ParsedFile, config: Config, bundledVersions: readonly string[] = []): Finding[] {
  const findings: Finding[] = [];
  runRule(findings, configFile, () => configFileReports(file.text, KNOWN_RULE_IDS, bundledVersions), config, undefined);
  return applySuppressions(findings, file.text, file.lines);
}

function isWorkspaceScoped(rule: Rule): boolean {
  return rule.meta.scope !== 'document' && rule.meta.scope !== 'file';
}

function runRules(rules: readonly Rule[], resources: Resource[], base: Omit<ResourceContext, 'resource'>, config: Config, patchFile: boolean): Finding[] {
  const out: Finding[] = [];
  for (const resource of resources) {
    const patch = patchFile || holdsPatchDirectives(resource);
    const ctx = { ...base, resource, patch };
    for (const rule of rules) {
      if (patch && !rule.meta.checksPatches) continue;
      runRule(out, rule, () => rule.checkResource!(ctx), config, resource);
    }
  }
  return out;
}

/**
 * A rule that throws on strange input loses its findings for that object, never the whole file,
 * and says so: one internal-error finding on the object (or the file's start, for file rules).
 */
function runRule(out: Finding[], rule: Rule, run: () => Report[], config: Config, resource: Resource | undefined): void {
  let reports: Report[];
  try {
    reports = run();
  } catch (error) {
    const message = ruleFailureMessage(rule.meta.id, error, resource ? 'object' : 'file');
    pushFinding(out, internalError, { message, path: ['kind'], at: 'value', range: resource ? undefined : [0, 0] }, config, resource);
    return;
  }
  for (const report of reports) pushFinding(out, rule, report, config, resource);
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
