import { effectiveSeverity, type Config } from '../config';
import type { Finding } from '../findings';
import type { ParsedFile } from '../model/parse';
import { rangeOfPath } from '../model/path';
import { resourcesOfDocument, type Resource } from '../model/resource';
import { ALL_RULES } from '../rules';
import type { Report, Rule } from '../rules/rule';
import type { SchemaCatalog } from '../schema/catalog';
import { applySuppressions } from './suppressions';
import type { FindingsCache } from './findings-cache';

export interface DiagnosticsEnv {
  catalog: SchemaCatalog;
  config: Config;
  /** Defaults to every rule; tests pass one rule. */
  rules?: readonly Rule[];
  /** Reuses findings of documents whose text did not change (hosts keep one). */
  cache?: FindingsCache;
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
  for (const document of file.documents) {
    if (document.errors.length > 0) continue;
    const cached = env.cache?.get(document, env.catalog, env.config);
    if (cached) {
      findings.push(...cached);
      continue;
    }
    const own: Finding[] = [];
    for (const resource of resourcesOfDocument(document)) {
      const ctx = { ...fileCtx, resource };
      for (const rule of rules) {
        if (!rule.checkResource) continue;
        for (const report of safely(() => rule.checkResource!(ctx))) pushFinding(own, rule, report, env.config, resource);
      }
    }
    env.cache?.set(document, env.catalog, env.config, own);
    findings.push(...own);
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return applySuppressions(findings, file.text, file.lines);
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
  out.push({ ruleId: rule.meta.id, severity: finalSeverity, message: report.message, start: range[0], end: range[1], fixes: report.fixes });
}

function rangeOfResourcePath(resource: Resource, report: Report): readonly [number, number] | undefined {
  const path = report.path ?? [];
  return rangeOfPath(resource.node, path, report.at) ?? rangeOfPath(resource.node, ['kind'], 'value');
}
