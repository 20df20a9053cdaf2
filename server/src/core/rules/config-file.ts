import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { isRuleSetting } from '../config';
import { nodeRange } from '../model/path';
import { closest } from '../schema/validate';
import { GATEWAY_CHANNELS } from '../schema/crd-catalog';
import type { Report, Rule } from './rule';
import { optionProblems } from './options';

/** What rule names the configuration may use, and the rules whose options it may set. */
export interface KnownRules {
  /** Ids, `<category>/*` and ids a family replaced (rules/ids.ts). */
  names: readonly string[];
  rules: readonly Rule[];
}

const KEYS = ['kubernetesVersion', 'gatewayAPIChannel', 'rules', 'ignore'];
const SETTINGS = ['off', 'error', 'warning', 'info'];

/**
 * Findings on `.kubesight.yaml` itself (features/diagnostics.ts runs it on that file instead of
 * the manifest rules). A mistyped key or rule id would otherwise be ignored without a word: the
 * model is ESLint's "Definition for rule '...' was not found".
 */
export const configFile: Rule = {
  meta: {
    id: 'config-file',
    severity: 'warning',
    scope: 'file',
    description: 'Mistakes in .kubesight.yaml: unknown keys and rule ids, unsupported values, a file that does not parse.',
    docs: [
      'A `.kubesight.yaml` setting that Kubesight does not understand has no effect, which is easy to',
      'miss: an unknown key (`rule:` for `rules:`), an unknown rule id, a severity other than `off`,',
      '`error`, `warning` or `info`, a `kubernetesVersion` that is not a version (`1.30` unquoted is the',
      'number 1.3), a `gatewayAPIChannel` other than `standard` (the default) or `experimental` (the',
      'Gateway API CRDs whose schemas the bundled catalog checks against), an `ignore` that is not a',
      'list of globs, an option a rule does not have or a value of the wrong type (the long form',
      '`<id>: {severity: …, options: {…}}`; options are set per rule id, not per category or old id).',
      'Each is a warning with "did you mean" when',
      'a known name is close. A file that does not parse, or is not a mapping, is an error: the',
      'command line stops with exit 2 and says why, the editor uses the defaults until it is fixed.',
      'A `kubernetesVersion` whose schemas are not bundled (Kubesight bundles 1.30 to 1.35) is an',
      'error too: the command line refuses to check against another version than the one asked for.',
    ].join('\n'),
  },
};

/**
 * The problems of a config file's text, read exactly as io/config-file.ts reads it (YAML 1.2,
 * unlike manifests). `knownRuleIds`: every rule id the product has; `bundledVersions`: the
 * Kubernetes versions whose schemas are bundled (a version outside them is an error: the command
 * line refuses to run with it).
 */
export function configFileReports(text: string, knownRules: KnownRules, bundledVersions: readonly string[] = []): Report[] {
  const doc = parseDocument(text);
  // The first error only: later ones are usually its consequences.
  const [error] = doc.errors;
  if (error) return [{ severity: 'error', range: [error.pos[0], Math.max(error.pos[1], error.pos[0])], message: `${withoutPosition(error.message)}: the configuration cannot be read` }];
  const root = doc.contents as Node | null;
  if (root === null || (isScalar(root) && root.value === null)) return [];
  // A list spans lines: its first item marks it.
  const shown = isSeq(root) && root.items.length ? (root.items[0] as Node) : root;
  if (!isMap(root)) return [{ severity: 'error', range: nodeRange(shown) ?? [0, 0], message: 'expected a mapping with kubernetesVersion, rules and ignore: the configuration cannot be read' }];
  const reports: Report[] = [];
  for (const pair of root.items as Pair<Node, Node | null>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const keyRange = nodeRange(pair.key) ?? [0, 0];
    if (key === 'rules') reports.push(...rulesReports(pair.value, keyRange, knownRules));
    else if (key === 'kubernetesVersion') reports.push(...versionReports(pair.value, text, keyRange, bundledVersions));
    else if (key === 'ignore') reports.push(...ignoreReports(pair.value, keyRange));
    else if (key === 'gatewayAPIChannel') reports.push(...channelReports(pair.value, keyRange));
    else reports.push({ range: keyRange, message: `unknown key ${JSON.stringify(key ?? '?')}${didYouMean(key, KEYS)}; known keys: ${KEYS.join(', ')}` });
  }
  return reports;
}

function rulesReports(value: Node | null, keyRange: readonly [number, number], known: KnownRules): Report[] {
  if (value === null || (isScalar(value) && value.value === null)) return [];
  if (!isMap(value)) return [{ range: nodeRange(value) ?? keyRange, message: 'rules: expected a mapping of rule ids to off, error, warning or info; the setting has no effect' }];
  const reports: Report[] = [];
  for (const pair of value.items as Pair<Node, Node | null>[]) {
    const id = isScalar(pair.key) ? String(pair.key.value) : '?';
    const range = nodeRange(pair.key) ?? keyRange;
    if (!known.names.includes(id)) reports.push({ range, message: `definition for rule ${JSON.stringify(id)} was not found${didYouMean(id, known.names)}; the setting has no effect` });
    if (isMap(pair.value)) reports.push(...longFormReports(id, pair.value, range, known));
    else reports.push(...severityReports(id, pair.value, range));
  }
  return reports;
}

function severityReports(id: string, value: Node | null, range: readonly [number, number]): Report[] {
  const setting = isScalar(value) ? value.value : undefined;
  if (isRuleSetting(setting)) return [];
  const shown = isScalar(value) ? JSON.stringify(setting) : 'a collection';
  return [{ range: nodeRange(value) ?? range, message: `rules.${id}: Unsupported value: ${shown}: supported values: ${SETTINGS.map((s) => `"${s}"`).join(', ')}${didYouMean(typeof setting === 'string' ? setting : undefined, SETTINGS)}` }];
}

/** `<id>: {severity: warning, options: {allow: [nginx]}}`: the options are checked against the rule's `meta.options`. */
function longFormReports(id: string, value: Node & { items: unknown[] }, idRange: readonly [number, number], known: KnownRules): Report[] {
  const reports: Report[] = [];
  const rule = known.rules.find((r) => r.meta.id === id);
  for (const pair of value.items as Pair<Node, Node | null>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '?';
    const range = nodeRange(pair.key) ?? idRange;
    if (key === 'severity') reports.push(...severityReports(id, pair.value, range));
    else if (key !== 'options') reports.push({ range, message: `rules.${id}: unknown key ${JSON.stringify(key)}${didYouMean(key, ['severity', 'options'])}; known keys: severity, options` });
    else if (!rule) {
      if (known.names.includes(id)) reports.push({ range, message: `rules.${id}: options are set per rule id, and ${JSON.stringify(id)} names several rules; the options have no effect` });
    } else reports.push(...optionReports(id, rule, pair.value, range));
  }
  return reports;
}

function optionReports(id: string, rule: Rule, value: Node | null, keyRange: readonly [number, number]): Report[] {
  const written: unknown = value && 'toJSON' in value ? (value as { toJSON(): unknown }).toJSON() : null;
  const entries = isMap(value) ? (value.items as Pair<Node, Node | null>[]) : [];
  return optionProblems(rule.meta.options, written, `rules.${id}.options`).map((p) => {
    const pair = p.name === undefined ? undefined : entries.find((e) => isScalar(e.key) && String(e.key.value) === p.name);
    const at = pair ? (p.message.includes('unknown option') ? pair.key : (pair.value ?? pair.key)) : value;
    const suggestion = p.message.includes('unknown option') ? didYouMean(p.name, Object.keys(rule.meta.options ?? {})) : '';
    return { range: (at && nodeRange(at)) ?? keyRange, message: `${p.message}${suggestion}; the setting has no effect` };
  });
}

function versionReports(value: Node | null, text: string, keyRange: readonly [number, number], bundled: readonly string[]): Report[] {
  const range = nodeRange(value) ?? keyRange;
  const v = isScalar(value) ? value.value : undefined;
  const written = text.slice(range[0], range[1]);
  if (typeof v === 'number' && String(v) !== written) return [{ range, message: `kubernetesVersion: ${written} is the number ${v}: quote it ("${written}")` }];
  if ((typeof v === 'string' || typeof v === 'number') && /^1\.\d+$/.test(String(v))) {
    if (bundled.length === 0 || bundled.includes(String(v))) return [];
    const supported = bundled.map((b) => JSON.stringify(b)).join(', ');
    return [{ severity: 'error', range, message: `kubernetesVersion: Unsupported value: ${JSON.stringify(String(v))}: supported values: ${supported} (the Kubernetes versions whose schemas Kubesight bundles)` }];
  }
  return [{ range, message: `kubernetesVersion: Invalid value: ${JSON.stringify(v ?? null)}: expected a minor version such as "1.35"; the setting has no effect` }];
}

function channelReports(value: Node | null, keyRange: readonly [number, number]): Report[] {
  const v = isScalar(value) ? value.value : undefined;
  if (typeof v === 'string' && (GATEWAY_CHANNELS as readonly string[]).includes(v)) return [];
  const supported = GATEWAY_CHANNELS.map((c) => JSON.stringify(c)).join(', ');
  return [{ range: nodeRange(value) ?? keyRange, message: `gatewayAPIChannel: Unsupported value: ${JSON.stringify(v ?? null)}: supported values: ${supported}${didYouMean(typeof v === 'string' ? v : undefined, GATEWAY_CHANNELS)}; the setting has no effect` }];
}

function ignoreReports(value: Node | null, keyRange: readonly [number, number]): Report[] {
  if (value === null || (isScalar(value) && value.value === null)) return [];
  if (!isSeq(value)) return [{ range: nodeRange(value) ?? keyRange, message: 'ignore: expected a list of globs; the setting has no effect' }];
  return (value.items as Node[])
    .filter((item) => !(isScalar(item) && typeof item.value === 'string'))
    .map((item) => ({ range: nodeRange(item) ?? keyRange, message: 'ignore: expected a glob (a string); this item has no effect' }));
}

function didYouMean(word: string | undefined, candidates: readonly string[]): string {
  // A prefix counts too: `warn` for `warning` is three edits away.
  const near = word === undefined ? undefined : (closest(word, candidates) ?? (word.length >= 3 ? candidates.find((c) => c.startsWith(word)) : undefined));
  return near ? ` (did you mean ${JSON.stringify(near)}?)` : '';
}

/** yaml's first line without its " at line 2, column 1:" (the finding's range says where). */
function withoutPosition(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
