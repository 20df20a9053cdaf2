import type { Fix, Severity } from '../findings';
import type { ParsedFile } from '../model/parse';
import type { FieldPath } from '../model/path';
import type { Resource } from '../model/resource';
import type { SchemaCatalog } from '../schema/catalog';
import type { Workspace } from '../workspace/workspace';
import type { Baseline } from '../immutable/baseline';
import type { ResourceFacts } from './facts';

/** What docs/rules.md is generated from; one per rule file. */
export interface RuleMeta {
  /** Kebab-case, equal to the file name; the LSP diagnostic `code`. */
  id: string;
  severity: Severity;
  /** One line for tables and hovers. */
  description: string;
  /** Markdown: what the rule catches, why it matters, and an example. */
  docs: string;
  scope: 'file' | 'document' | 'workspace' | 'stack' | 'baseline';
  fixable?: boolean;
  /**
   * The rule also runs on partial objects (Kustomize patches): its findings hold on the fields an
   * object has, whatever a base adds. Rules that judge a whole object (a selector against its
   * template, a missing field, a duplicate) leave this unset and are silent on patches.
   */
  checksPatches?: boolean;
}

/** A rule's report, located by field path relative to the resource (or by offsets for file rules). */
export interface Report {
  message: string;
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

export interface ResourceContext {
  file: ParsedFile;
  resource: Resource;
  /** The target Kubernetes version's catalog (its `kubernetesVersion`; features/target-version.ts). */
  catalog: SchemaCatalog;
  /** The file's URI in the workspace ('' when checked alone). */
  uri: string;
  /**
   * Every manifest the host knows, for rules of scope 'workspace'. Those rules run only when a
   * workspace is given, and their findings are never cached by document text.
   */
  workspace?: Workspace;
  /** Earlier versions of the objects (git ref or cluster), for the immutable-field rule. */
  baseline?: Baseline;
  /**
   * The object is a partial object (a file a kustomization lists as a patch, or a document with
   * `$patch`-style directives): only rules with `checksPatches` see it, and they check what it has.
   */
  patch?: boolean;
  /** Image names (without tag) whose tag a kustomization's `images:` or skaffold sets. */
  imagesSetByTools?: ReadonlySet<string>;
  /** Facts shared by workspace rules, derived once per analysis (never by document rules: see facts.ts). */
  facts: ResourceFacts;
}

export interface FileContext {
  file: ParsedFile;
  /** The file's URI in the workspace (undefined when checked alone). */
  uri?: string;
  catalog: SchemaCatalog;
}

export interface Rule {
  meta: RuleMeta;
  /** Called once per Kubernetes object that parsed without syntax errors. */
  checkResource?(ctx: ResourceContext): Report[];
  /** Called once per file (syntax rule). */
  checkFile?(ctx: FileContext): Report[];
}
