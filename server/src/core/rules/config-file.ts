import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { isRuleSetting } from '../config';
import { nodeRange } from '../model/path';
import { closest } from '../schema/validate';
import { GATEWAY_CHANNELS } from '../schema/crd-catalog';
import type { Report, Rule } from './rule';

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
      'list of globs. Each is a warning with "did you mean" when',
      'a known name is close. A file that does not parse, or is not a mapping, is an error: the',
      'command line stops with exit 2 and says why, the editor uses the defaults until it is fixed.',
      'A `kubernetesVersion` whose schemas are not bundled (Kubesight bundles 1.30 to 1.35) is an',
      'error too: the command line refuses to check against another version than the one asked for.',
      '',
      '```yaml',
      'rules:',
      '  imgae-tag: off      # definition for rule "imgae-tag" was not found (did you mean "image-tag"?)',
      '  schema: warn        # rules.schema: Unsupported value: "warn" ... (did you mean "warning"?)',
      '```',
    ].join('\n'),
  },
};

/**
 * The problems of a config file's text, read exactly as io/config-file.ts reads it (YAML 1.2,
 * unlike manifests). `knownRuleIds`: every rule id the product has; `bundledVersions`: the
 * Kubernetes versions whose schemas are bundled (a version outside them is an error: the command
 * line refuses to run with it).
 */
export function configFileReports(text: string, knownRuleIds: readonly string[], bundledVersions: readonly string[] = []): Report[] {
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
    if (key === 'rules') reports.push(...rulesReports(pair.value, keyRange, knownRuleIds));
    else if (key === 'kubernetesVersion') reports.push(...versionReports(pair.value, text, keyRange, bundledVersions));
    else if (key === 'ignore') reports.push(...ignoreReports(pair.value, keyRange));
    else if (key === 'gatewayAPIChannel') reports.push(...channelReports(pair.value, keyRange));
    else reports.push({ range: keyRange, message: `unknown key ${JSON.stringify(key ?? '?')}${didYouMean(key, KEYS)}; known keys: ${KEYS.join(', ')}` });
  }
  return reports;
}

function rulesReports(value: Node | null, keyRange: readonly [number, number], known: readonly string[]): Report[] {
  if (value === null || (isScalar(value) && value.value === null)) return [];
  if (!isMap(value)) return [{ range: nodeRange(value) ?? keyRange, message: 'rules: expected a mapping of rule ids to off, error, warning or info; the setting has no effect' }];
  const reports: Report[] = [];
  for (const pair of value.items as Pair<Node, Node | null>[]) {
    const id = isScalar(pair.key) ? String(pair.key.value) : '?';
    const range = nodeRange(pair.key) ?? keyRange;
    if (!known.includes(id)) reports.push({ range, message: `definition for rule ${JSON.stringify(id)} was not found${didYouMean(id, known)}; the setting has no effect` });
    const setting = isScalar(pair.value) ? pair.value.value : undefined;
    if (!isRuleSetting(setting)) {
      const shown = isScalar(pair.value) ? JSON.stringify(setting) : 'a collection';
      reports.push({ range: nodeRange(pair.value) ?? range, message: `rules.${id}: Unsupported value: ${shown}: supported values: ${SETTINGS.map((s) => `"${s}"`).join(', ')}${didYouMean(typeof setting === 'string' ? setting : undefined, SETTINGS)}` });
    }
  }
  return reports;
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
