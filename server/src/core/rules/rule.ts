import type { Fix, Severity } from '../findings';
import type { ParsedFile } from '../model/parse';
import type { FieldPath } from '../model/path';
import type { Resource } from '../model/resource';
import type { SchemaCatalog } from '../schema/catalog';
import type { Workspace } from '../workspace/workspace';
import type { Baseline } from '../immutable/baseline';
import type { ResourceFacts } from './facts';
import type { DocumentFacts } from './document-facts';
import type { OptionsOf, OptionsSpec } from './options';

export type RuleScope = 'file' | 'document' | 'workspace' | 'stack' | 'baseline';

/** What docs/rules.md is generated from; one per rule file. */
export interface RuleMeta<O extends OptionsSpec = OptionsSpec, M extends string = string> {
  /**
   * The LSP diagnostic `code`, stable and user-facing: kebab-case, `<category>/<concern>` for a
   * rule of a family (`schema/enum`, its file `rules/schema/enum.ts`), else the file name alone.
   * One id is one concern, so a user can turn off exactly one kind of finding.
   */
  id: string;
  severity: Severity;
  /** One line for tables and hovers. */
  description: string;
  /** Markdown: what the rule catches and why it matters; the example comes from its fixtures. */
  docs: string;
  scope: RuleScope;
  fixable?: boolean;
  /**
   * The rule also runs on partial objects (Kustomize patches): its findings hold on the fields an
   * object has, whatever a base adds. Rules that judge a whole object (a selector against its
   * template, a missing field, a duplicate) leave this unset and are silent on patches.
   */
  checksPatches?: boolean;
  /**
   * The id this rule was split from (e.g. `workload-best-practice` for `best-practice/privileged`):
   * configurations and disable comments naming the old id still reach it (rules/ids.ts).
   */
  replaces?: string;
  /** The rule's options (`.kubesight.yaml` `rules: {<id>: {options: …}}`), typed and documented. */
  options?: O;
  /** Message templates by message id; `{name}` is replaced by the report's `data.name`. */
  messages?: Readonly<Record<M, string>>;
}

/** A rule's report, located by field path relative to the resource (or by offsets for file rules). */
export interface Report<M extends string = string> {
  /** The text; with `messageId`, taken from `meta.messages` instead (filled with `data`). */
  message?: string;
  messageId?: M;
  data?: Readonly<Record<string, string | number>>;
  /** Path below the resource root; ignored when `range` is given. */
  path?: FieldPath;
  /** Mark the key (default for collections) or the value (default for scalars). */
  at?: 'key' | 'value';
  /** Absolute offsets, for findings that are not about one field. */
  range?: readonly [number, number];
  /** Overrides the rule's default severity (e.g. deprecated apiVersion warns, removed one errors). */
  severity?: Severity;
  fixes?: Fix[];
}

/**
 * What a document rule may read: the object and its file, the target version's catalog, the
 * rule's options and what build tools say of the file (part of the findings cache key). Nothing
 * of the other files: document findings are cached by text (features/findings-cache.ts), and
 * this type is what makes that safe. The host builds it with these fields only.
 */
export interface DocumentContext<O = Record<string, unknown>> {
  file: ParsedFile;
  resource: Resource;
  /** The target Kubernetes version's catalog (its `kubernetesVersion`; features/target-version.ts). */
  catalog: SchemaCatalog;
  /** The version the catalog is for, e.g. `1.35`. */
  kubernetesVersion: string;
  /** The rule's options: the user's values over the defaults of `meta.options`. */
  options: O;
  /**
   * The file's folder URI (`file:///repo/app/`; '' when checked alone): where a document is, as
   * much as what it says (a CRD in another folder). Part of the findings cache key.
   */
  folder: string;
  /**
   * The object is a partial object (a file a kustomization lists as a patch, or a document with
   * `$patch`-style directives): only rules with `checksPatches` see it, and they check what it has.
   */
  patch: boolean;
  /** Image names (without tag) whose tag a kustomization's `images:` or skaffold sets. */
  imagesSetByTools?: ReadonlySet<string>;
  /** What several document rules derive from the same object (one schema validation), once. */
  derived: DocumentFacts;
  /** Says that a check could not complete (an internal-error finding on the object) instead of reporting nothing. */
  internalError(message: string, path?: FieldPath): void;
}

/** What a workspace rule (scope workspace, stack or baseline) reads beyond its document. */
export interface WorkspaceContext<O = Record<string, unknown>> extends DocumentContext<O> {
  /** The file's URI in the workspace ('' when checked alone). */
  uri: string;
  /** Every manifest the host knows; absent when only a baseline is given. */
  workspace?: Workspace;
  /** Earlier versions of the objects (git ref or cluster), for the immutable-field rule. */
  baseline?: Baseline;
  /** Facts shared by workspace rules, derived once per analysis (workspace-dependent: see facts.ts). */
  facts: ResourceFacts;
}

/**
 * The name of WorkspaceContext before Rule API v2, for rules written against it (other branches):
 * a workspace rule compiles as before; a document rule typed with it does not, which is the point.
 */
export type ResourceContext<O = Record<string, unknown>> = WorkspaceContext<O>;

export interface FileContext {
  file: ParsedFile;
  /** The file's URI in the workspace (undefined when checked alone). */
  uri?: string;
  catalog: SchemaCatalog;
}

/** A rule that sees one object: its findings are cached by the document's text. */
export interface DocumentRule<O extends OptionsSpec = OptionsSpec, M extends string = string> {
  meta: RuleMeta<O, M> & { scope: 'document' };
  /** Called once per Kubernetes object that parsed without syntax errors. A property, so its parameter is checked strictly. */
  checkResource: (ctx: DocumentContext<OptionsOf<O>>) => Report<M>[];
  checkFile?: undefined;
}

/** A rule that reads other files (or a baseline): run on every analysis, never cached. */
export interface WorkspaceRule<O extends OptionsSpec = OptionsSpec, M extends string = string> {
  meta: RuleMeta<O, M> & { scope: 'workspace' | 'stack' | 'baseline' };
  checkResource: (ctx: WorkspaceContext<OptionsOf<O>>) => Report<M>[];
  checkFile?: undefined;
}

/** A rule on the file's text (syntax, skipped templates) or on a file it is given (config, disable comments). */
export interface FileRule {
  meta: RuleMeta & { scope: 'file' };
  checkFile?: (ctx: FileContext) => Report[];
  checkResource?: undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a list of rules holds every options type
export type Rule = DocumentRule<any, any> | WorkspaceRule<any, any> | FileRule;

/** Identity functions that infer the options and message ids of a rule from its metadata. */
export function documentRule<const O extends OptionsSpec = Record<never, never>, M extends string = never>(rule: DocumentRule<O, M>): DocumentRule<O, M> {
  return rule;
}

export function workspaceRule<const O extends OptionsSpec = Record<never, never>, M extends string = never>(rule: WorkspaceRule<O, M>): WorkspaceRule<O, M> {
  return rule;
}
