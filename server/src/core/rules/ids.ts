import type { RuleMeta } from './rule';

/**
 * Where each rule is documented: docs/rules.md in the repository, one heading per rule id.
 * package.json names no repository; this is the project's address that SARIF's `informationUri`
 * already uses, with GitHub's heading anchors.
 */
export const RULES_DOC_URL = 'https://github.com/kubesight/kubesight/blob/main/docs/rules.md';

/** GitHub's anchor of a `## <id>` heading: lower case, punctuation other than `-` and `_` dropped. */
export function docsAnchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}

/** The LSP `codeDescription.href` and SARIF `helpUri` of a rule. */
export function ruleDocsUrl(id: string): string {
  return `${RULES_DOC_URL}#${docsAnchor(id)}`;
}

/** `schema` for `schema/enum`; undefined for an id outside a family. */
export function categoryOf(id: string): string | undefined {
  const slash = id.indexOf('/');
  return slash > 0 ? id.slice(0, slash) : undefined;
}

/**
 * The names a user may write for rules in `.kubesight.yaml`, settings, `--rule` and disable
 * comments: each rule id, each category as `<category>/*`, and each id a family replaced
 * (`dangling-backend` for the dangling/… rules). Built once from the rule list; read-only.
 */
export class RuleNames {
  private readonly ids = new Map<string, readonly string[]>();

  constructor(rules: readonly { meta: Pick<RuleMeta, 'id' | 'replaces'> }[]) {
    const add = (name: string, id: string) => this.ids.set(name, [...(this.ids.get(name) ?? []), id]);
    for (const { meta } of rules) {
      add(meta.id, meta.id);
      const category = categoryOf(meta.id);
      if (category) add(`${category}/*`, meta.id);
      if (meta.replaces && meta.replaces !== meta.id) add(meta.replaces, meta.id);
    }
  }

  /** Every name, ids first (for "did you mean"). */
  get known(): string[] {
    return [...this.ids.keys()];
  }

  /** The rule ids a name stands for; [] for an unknown name. */
  idsOf(name: string): readonly string[] {
    return this.ids.get(name) ?? [];
  }

  /** Whether a name (as in a disable comment) covers a rule id. */
  covers(name: string, ruleId: string): boolean {
    return name === ruleId || this.idsOf(name).includes(ruleId);
  }
}
