import { effectiveSeverity, isConfigFile, ruleSetting, type Config } from '../config';
import type { Finding } from '../findings';
import type { ParsedDocument, ParsedFile } from '../model/parse';
import { rangeOfPath } from '../model/path';
import { resourcesOfDocument, type Resource } from '../model/resource';
import { ALL_RULES, RULE_NAMES } from '../rules';
import { internalError, ruleFailureMessage } from '../rules/internal-error';
import { configFile, configFileReports } from '../rules/config-file';
import type { DocumentContext, Report, Rule, WorkspaceContext } from '../rules/rule';
import { DocumentFacts } from '../rules/document-facts';
import { resolveOptions } from '../rules/options';
import type { FieldPath } from '../model/path';
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
import type { GlobalInputs, WorkspaceFindingsCache } from './workspace-findings';

/** The names disable comments and `.kubesight.yaml` may use: ids, `<category>/*`, ids a family replaced. */
const KNOWN_RULE_NAMES: readonly string[] = RULE_NAMES.known;

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
  /** Reuses workspace-rule findings of documents whose text and reads did not change (hosts keep one). */
  workspaceCache?: WorkspaceFindingsCache;
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
  const rules = (env.rules ?? ALL_RULES).filter((r) => effectiveSeverity(env.config, r.meta, r.meta.severity) !== 'off');
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
  const folder = folderOf(env.uri ?? '');
  const base: RunBase = {
    document: { file, catalog: env.catalog, kubernetesVersion: env.catalog.kubernetesVersion, folder, imagesSetByTools: tools.imagesSetByTools, derived: new DocumentFacts() },
    workspace: { uri: env.uri ?? '', workspace: env.workspace, baseline: env.baseline, facts: new ResourceFacts(env.workspace) },
    options: new Map([...documentRules, ...workspaceRules].filter((r) => r.meta.options).map((r) => [r, resolveOptions(r.meta.options, env.config.ruleOptions?.[r.meta.id])])),
  };
  // Only a workspace CRD's folder changes what a document says (schema/unknown-field): other files share one key.
  const variant = env.catalog.customKinds.length > 0 && folder ? `${tools.key}|${folder}` : tools.key;
  const workspacePass = workspaceRules.length > 0 ? workspaceRulePass(workspaceRules, base, env) : undefined;
  for (const document of file.documents) {
    if (document.errors.length > 0) continue;
    if (documentRules.length === 0 && workspaceRules.length === 0) break;
    // Resources are made only for the rules that run: an edit finds most documents' findings cached.
    let made: Resource[] | undefined;
    const resources = () => (made ??= resourcesOfDocument(document));
    // The tool context is part of the key: the same text is a whole object in one place and a patch in another.
    // A file checked through builds runs no document rule here (and must not read the cache of its plain check).
    const cached = throughBuilds ? [] : env.cache?.get(document, env.catalog, env.config, variant);
    if (cached) findings.push(...cached);
    else {
      const own = runRules(documentRules, resources(), base, env.config, !!tools.patchOf);
      env.cache?.set(document, env.catalog, env.config, own, variant);
      findings.push(...own);
    }
    if (workspacePass) findings.push(...workspacePass(document, resources, !!tools.patchOf));
  }
  workspacePass?.end();
  // Sets, not list lookups: twenty overlays' virtual files are diagnosed per edit, a hundred rules each.
  const checked = new Set([...documentRules, ...workspaceRules]);
  const ran = new Set([...rules.filter((r) => r.checkFile || checked.has(r) || (throughBuilds && env.builds!.ruleIds.has(r.meta.id))).map((r) => r.meta.id), internalError.meta.id]);
  return withDirectiveFindings(findings, file, env.config, ran);
}

type WorkspacePass = ((document: ParsedDocument, resources: () => Resource[], patchFile: boolean) => Finding[]) & { end(): void };

/**
 * The workspace-scoped rules of one file's documents. In a Kustomize build, the build's kept
 * findings (`workspaceFindings`) decide what is recomputed. Elsewhere, with the host's WorkspaceFindingsCache, a
 * document's findings of the workspace, stack and baseline rules are reused while its text, what
 * they read of the index and the inputs outside it (catalog, config, baseline) are the same
 * (workspace-findings.ts).
 */
function workspaceRulePass(rules: readonly Rule[], base: RunBase, env: DiagnosticsEnv): WorkspacePass {
  const kept = env.workspaceFindings;
  if (kept) {
    // A build's virtual document keeps its findings while nothing linked to it changed (built-workspace.ts).
    const pass = (document: ParsedDocument, resources: () => Resource[], patchFile: boolean): Finding[] => {
      const reused = kept.get(document);
      if (reused) return reused;
      const found = runRules(rules, resources(), base, env.config, patchFile);
      kept.set(document, found);
      return found;
    };
    return Object.assign(pass, { end: () => undefined });
  }
  const cache = env.workspaceCache;
  // Without a baseline the baseline rule has nothing to compare with.
  const active = rules.filter((r) => r.meta.scope !== 'baseline' || env.baseline);
  const analysis = cache && env.workspace && active.length > 0 ? cache.begin(env.uri ?? '', env.workspace, globalInputs(active, env), base.document.file.text) : undefined;
  const pass = (document: ParsedDocument, resources: () => Resource[], patchFile: boolean): Finding[] => {
    if (!analysis) return active.length > 0 ? runRules(active, resources(), base, env.config, patchFile) : [];
    // The tracked workspace gets its own facts: facts shared with another document would carry that document's reads.
    const run = (workspace: Workspace) => runRules(active, resources(), { ...base, workspace: { ...base.workspace, workspace, facts: new ResourceFacts(workspace) } }, env.config, patchFile);
    return analysis.findings(document, env.tools?.key ?? '', run);
  };
  return Object.assign(pass, { end: () => analysis?.end() });
}

/** What the workspace findings of a file depend on besides the index (the baseline by identity). */
function globalInputs(rules: readonly Rule[], env: DiagnosticsEnv): GlobalInputs {
  return { catalog: env.catalog, config: JSON.stringify(env.config), rules: rules.map((r) => r.meta.id).join(), baseline: env.baseline };
}

/** Applies the disable comments, then reports the comments themselves (disable-comment). */
function withDirectiveFindings(findings: Finding[], file: ParsedFile, config: Config, ran: ReadonlySet<string>): Finding[] {
  const { kept, uses } = suppress(findings, file.text, file.lines);
  if (uses.length === 0) return sortFindings(kept);
  const own: Finding[] = [];
  runRule(own, disableComment, () => disableCommentReports(uses, RULE_NAMES, ran), config, undefined);
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
  runRule(findings, configFile, () => configFileReports(file.text, { names: KNOWN_RULE_NAMES, rules: ALL_RULES }, bundledVersions), config, undefined);
  return applySuppressions(findings, file.text, file.lines);
}

function isWorkspaceScoped(rule: Rule): boolean {
  return rule.meta.scope !== 'document' && rule.meta.scope !== 'file';
}

/** What every rule of one analysis shares: the document part, and what workspace rules add. */
interface RunBase {
  document: Omit<DocumentContext, 'resource' | 'options' | 'patch' | 'internalError'>;
  workspace: Omit<WorkspaceContext, keyof DocumentContext>;
  /** Each rule's options, resolved once per analysis. */
  options: ReadonlyMap<Rule, Record<string, unknown>>;
}

function runRules(rules: readonly Rule[], resources: Resource[], base: RunBase, config: Config, patchFile: boolean): Finding[] {
  const out: Finding[] = [];
  for (const resource of resources) {
    const patch = patchFile || holdsPatchDirectives(resource);
    const internal = (message: string, path: FieldPath = ['kind']) => pushFinding(out, internalError, { message, path, at: path.length ? 'value' : 'key' }, config, resource);
    // One context per options value (most rules have none and share one): a context per rule and
    // object made runRules the costliest function of a large file.
    const contexts = new Map<object, { document: DocumentContext; workspace?: WorkspaceContext }>();
    for (const rule of rules) {
      if (!rule.checkResource || (patch && !rule.meta.checksPatches)) continue;
      const options = base.options.get(rule) ?? NO_OPTIONS;
      let pair = contexts.get(options);
      if (!pair) contexts.set(options, (pair = { document: documentContext(base, resource, options, patch, internal) }));
      // A document rule gets the document's fields only: even a cast cannot reach the workspace.
      const ctx = rule.meta.scope === 'document' ? pair.document : (pair.workspace ??= { ...pair.document, ...base.workspace });
      const check = rule.checkResource as (ctx: DocumentContext | WorkspaceContext) => Report[];
      runRule(out, rule, () => check(ctx), config, resource);
    }
  }
  return out;
}

const NO_OPTIONS: Record<string, unknown> = Object.freeze({});

function documentContext(base: RunBase, resource: Resource, options: Record<string, unknown>, patch: boolean, internalError: DocumentContext['internalError']): DocumentContext {
  const d = base.document;
  return { file: d.file, resource, catalog: d.catalog, kubernetesVersion: d.kubernetesVersion, options, folder: d.folder, patch, imagesSetByTools: d.imagesSetByTools, derived: d.derived, internalError };
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
  const severity = effectiveSeverity(config, rule.meta, report.severity ?? rule.meta.severity);
  if (severity === 'off') return;
  // A rule's severity override (e.g. deprecated → warning) is kept unless the user overrode the rule.
  const finalSeverity = ruleSetting(config, rule.meta) ? severity : (report.severity ?? severity);
  const range = report.range ?? (resource ? rangeOfResourcePath(resource, report) : undefined);
  if (!range) return;
  const message = messageOf(rule, report);
  const messageId = report.messageId ? { messageId: report.messageId } : {};
  const placeholder = finalSeverity === 'error' && resource ? placeholderIn(resource.document.source, range[0] - resource.document.chunkStart, range[1] - resource.document.chunkStart) : undefined;
  if (placeholder) out.push({ ruleId: rule.meta.id, ...messageId, severity: 'warning', message: asPlaceholderWarning(message, placeholder), start: range[0], end: range[1], fixes: report.fixes });
  else out.push({ ruleId: rule.meta.id, ...messageId, severity: finalSeverity, message, start: range[0], end: range[1], fixes: report.fixes });
}

/** The report's text, or its message id's template filled with its data (`{image}` → nginx). */
function messageOf(rule: Rule, report: Report): string {
  const template = report.messageId ? (rule.meta.messages as Record<string, string> | undefined)?.[report.messageId] : undefined;
  if (template === undefined) return report.message ?? report.messageId ?? '';
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (report.data && name in report.data ? String(report.data[name]) : whole));
}

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

function rangeOfResourcePath(resource: Resource, report: Report): readonly [number, number] | undefined {
  const path = report.path ?? [];
  return rangeOfPath(resource.node, path, report.at) ?? rangeOfPath(resource.node, ['kind'], 'value');
}
