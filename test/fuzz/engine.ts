// Drives one fuzz case through the pure engine, the way the hosts use it: a two-file workspace
// (the mutated file and another corpus file, CRDs included), diagnostics, every rule called directly
// (diagnostics swallow a rule's exception, so a throwing rule would otherwise go unseen), symbols,
// completion, hover, navigation and rename at random offsets, then random edits whose incremental
// re-parse must give the same diagnostics as a fresh parse.
import { resolveOptions } from '../../server/src/core/rules/options';
import { DocumentFacts } from '../../server/src/core/rules/document-facts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../../server/src/core/config';
import { complete } from '../../server/src/core/features/completion';
import { diagnoseWorkspaceFile } from '../../server/src/core/features/diagnostics';
import { FindingsCache } from '../../server/src/core/features/findings-cache';
import { hover } from '../../server/src/core/features/hover';
import { definitionAt, referencesAt, renameAt, renameRangeAt } from '../../server/src/core/features/navigation';
import { referenceHover } from '../../server/src/core/features/reference-hover';
import { documentSymbols, workspaceSymbols } from '../../server/src/core/features/symbols';
import type { Finding } from '../../server/src/core/findings';
import { resourcesOfDocument } from '../../server/src/core/model/resource';
import { ALL_RULES } from '../../server/src/core/rules';
import type { SchemaCatalog } from '../../server/src/core/schema/catalog';
import { WorkspaceCatalog } from '../../server/src/core/workspace/custom-kinds';
import { Workspace } from '../../server/src/core/workspace/workspace';
import { ResourceFacts } from '../../server/src/core/rules/facts';
import { randomEdit, type FuzzCase } from './mutations';

const SNIPPETS = JSON.parse(readFileSync(resolve(__dirname, '../../snippets/kubernetes.json'), 'utf8')) as Parameters<typeof complete>[4];
const URI = 'file:///fuzz/f.yaml';
const OTHER = 'file:///fuzz/g.yaml';

export interface Mismatch {
  edit: number;
  /** The same findings, at other ranges. */
  rangesOnly: boolean;
  onlyIncremental: string[];
  onlyFresh: string[];
}

export interface EngineResult {
  /** Exceptions that reached the host (the LSP server would log them and answer nothing). */
  errors: string[];
  /** Exceptions thrown by a rule, which diagnostics swallow (the rule's findings are lost). */
  ruleErrors: string[];
  /** Diagnostics after an incremental re-parse that differ from those of a fresh parse. */
  mismatches: Mismatch[];
  /** The slowest single operation. */
  slowest: { op: string; ms: number };
  ms: number;
}

const findingKey = (f: Finding) => `${f.start}-${f.end} ${f.severity} ${f.ruleId}: ${f.message}`;

/** `compareFresh`: after each edit also diagnose a fresh parse and record differences (costs a parse). */
export function runEngineCase(c: FuzzCase, catalog: SchemaCatalog, compareFresh = true): EngineResult {
  const { r } = c;
  const result: EngineResult = { errors: [], ruleErrors: [], mismatches: [], slowest: { op: '', ms: 0 }, ms: 0 };
  const started = performance.now();
  const timed = <T>(op: string, run: () => T): T | undefined => {
    const t0 = performance.now();
    try {
      return run();
    } catch (e) {
      result.errors.push(`${op}: ${(e as Error).stack ?? e}`);
      return undefined;
    } finally {
      const ms = performance.now() - t0;
      if (ms > result.slowest.ms) result.slowest = { op, ms };
    }
  };
  const catalogs = new WorkspaceCatalog(catalog);
  const cache = new FindingsCache();
  const diagnose = (ws: Workspace) => diagnoseWorkspaceFile(ws, URI, { catalog: catalogs.for(ws), config: DEFAULT_CONFIG, cache });

  let ws = timed('parse', () => Workspace.empty(undefined, true).withFile(URI, c.text, 1).withFile(OTHER, c.other, 1));
  if (!ws) return { ...result, ms: performance.now() - started };
  const wsNow = ws;
  timed('diagnostics', () => diagnose(wsNow));
  timed('rules', () => runRulesUnguarded(wsNow, catalogs.for(wsNow), result.ruleErrors));
  timed('documentSymbols', () => documentSymbols(wsNow.file(URI)!.parsed));
  timed('workspaceSymbols', () => workspaceSymbols(wsNow, ['', 'a', 'web'][r(3)]));
  for (let k = 0; k < 3; k++) {
    const file = wsNow.file(URI)!.parsed;
    const offset = r(file.text.length + 1);
    timed('completion', () => complete(file, offset, catalogs.for(wsNow), wsNow, SNIPPETS));
    timed('hover', () => referenceHover(wsNow, URI, offset) ?? hover(file, offset, catalogs.for(wsNow), wsNow));
    timed('definition', () => definitionAt(wsNow, URI, offset));
    timed('references', () => referencesAt(wsNow, URI, offset, r(2) === 0));
    timed('prepareRename', () => renameRangeAt(wsNow, URI, offset));
    timed('rename', () => renameAt(wsNow, URI, offset, ['renamed', '', 'bad name!'][r(3)]));
  }

  // Edits: the incremental parse (reusing unchanged documents) must agree with a fresh parse.
  let text = c.text;
  for (let k = 0; k < 2; k++) {
    const edit = randomEdit(text, r);
    text = text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
    const edited = text;
    const next = timed('edit', () => ws!.withFile(URI, edited, 2 + k));
    if (!next) break;
    ws = next;
    const incremental = timed('diagnostics after edit', () => diagnose(next));
    if (!compareFresh) continue;
    const fresh = timed('fresh diagnostics', () => {
      const freshWs = Workspace.empty(undefined, true).withFile(URI, edited, 1).withFile(OTHER, c.other, 1);
      return diagnoseWorkspaceFile(freshWs, URI, { catalog: new WorkspaceCatalog(catalog).for(freshWs), config: DEFAULT_CONFIG });
    });
    if (incremental && fresh) {
      const a = incremental.map(findingKey);
      const b = fresh.map(findingKey);
      if (a.join('\n') !== b.join('\n')) {
        const withoutRange = (keys: string[]) => keys.map((key) => key.replace(/^\d+-\d+ /, '')).join('\n');
        result.mismatches.push({
          edit: k + 1,
          rangesOnly: withoutRange(a) === withoutRange(b),
          onlyIncremental: a.filter((x) => !b.includes(x)),
          onlyFresh: b.filter((x) => !a.includes(x)),
        });
      }
    }
  }
  result.ms = performance.now() - started;
  return result;
}

/** Every rule on the file and its objects, without the diagnostics' try/catch. */
function runRulesUnguarded(ws: Workspace, catalog: SchemaCatalog, errors: string[]): void {
  const file = ws.file(URI)!.parsed;
  if (file.skipped) return;
  const fileCtx = { file, catalog };
  for (const rule of ALL_RULES) {
    try {
      rule.checkFile?.(fileCtx);
    } catch (e) {
      errors.push(`${rule.meta.id} (file): ${(e as Error).stack ?? e}`);
    }
  }
  const facts = new ResourceFacts(ws);
  const derived = new DocumentFacts();
  for (const document of file.documents) {
    if (document.errors.length > 0) continue;
    for (const resource of resourcesOfDocument(document)) {
      for (const rule of ALL_RULES) {
        try {
          const options = resolveOptions(rule.meta.options, undefined);
          rule.checkResource?.({ ...fileCtx, resource, uri: URI, workspace: ws, facts, kubernetesVersion: catalog.kubernetesVersion, options, folder: '', patch: false, derived, internalError: () => {} });
        } catch (e) {
          errors.push(`${rule.meta.id}: ${(e as Error).stack ?? e}`);
        }
      }
    }
  }
}
