import type { Severity } from './findings';
import { GATEWAY_CHANNELS, type GatewayChannel } from './schema/crd-catalog';

export type RuleSetting = 'off' | 'error' | 'warning' | 'info';

/** Effective settings for one check run: from .kubesight.yaml, VS Code settings or CLI flags. */
export interface Config {
  /**
   * The Kubernetes version the user asked for, as written (`1.31`); undefined when nobody did (the
   * connected cluster's, else the newest bundled: features/target-version.ts).
   */
  kubernetesVersion?: string;
  /** Where `kubernetesVersion` was set, for messages (`--kube-version`, `.kubesight.yaml`, …). */
  kubernetesVersionFrom?: string;
  /** The Gateway API channel whose CRD schemas the bundled catalog checks against (default standard). */
  gatewayAPIChannel?: GatewayChannel;
  /**
   * Severity by rule name: a rule id (`schema/enum`), a category (`schema/*`), or the id a rule
   * was split from (`workload-best-practice`); the most specific name wins (ruleSetting).
   */
  rules: Readonly<Record<string, RuleSetting>>;
  /** Options by rule id, as written (rules/options.ts validates and applies the defaults). */
  ruleOptions?: Readonly<Record<string, unknown>>;
  /** Globs of files to leave alone. */
  ignore: readonly string[];
}

/** The configuration file's name; a file with this name is checked as configuration, not as manifests. */
export const CONFIG_FILE_NAME = '.kubesight.yaml';

export function isConfigFile(uri: string | undefined): boolean {
  return uri !== undefined && (uri === CONFIG_FILE_NAME || uri.endsWith(`/${CONFIG_FILE_NAME}`) || uri.endsWith(`\\${CONFIG_FILE_NAME}`));
}

export const DEFAULT_CONFIG: Config = { rules: {}, ignore: [] };

const SETTINGS: readonly string[] = ['off', 'error', 'warning', 'info'];

export function isRuleSetting(value: unknown): value is RuleSetting {
  return typeof value === 'string' && SETTINGS.includes(value);
}

/**
 * Later layers win: defaults < file < editor/CLI. Unknown values are ignored, never thrown. `from`
 * names the layer in messages about its Kubernetes version. An empty version (the editor
 * setting's default) sets nothing.
 */
export function mergeConfig(base: Config, layer: Partial<{ kubernetesVersion: unknown; gatewayAPIChannel: unknown; rules: unknown; ignore: unknown }>, from = '.kubesight.yaml'): Config {
  const rules: Record<string, RuleSetting> = { ...base.rules };
  const ruleOptions: Record<string, unknown> = { ...base.ruleOptions };
  if (layer.rules && typeof layer.rules === 'object') {
    for (const [id, setting] of Object.entries(layer.rules)) {
      if (isRuleSetting(setting)) rules[id] = setting;
      else if (setting && typeof setting === 'object' && !Array.isArray(setting)) {
        // The long form: `{severity: warning, options: {allow: [nginx]}}`.
        const { severity, options } = setting as { severity?: unknown; options?: unknown };
        if (isRuleSetting(severity)) rules[id] = severity;
        if (options !== undefined) ruleOptions[id] = options;
      }
    }
  }
  const written = typeof layer.kubernetesVersion === 'string' || typeof layer.kubernetesVersion === 'number' ? String(layer.kubernetesVersion).trim() : '';
  const version = written ? { kubernetesVersion: written, kubernetesVersionFrom: from } : pickVersion(base);
  const channel = GATEWAY_CHANNELS.find((c) => c === layer.gatewayAPIChannel) ?? base.gatewayAPIChannel;
  return {
    ...version,
    ...(channel ? { gatewayAPIChannel: channel } : {}),
    rules,
    ...(Object.keys(ruleOptions).length ? { ruleOptions } : {}),
    ignore: Array.isArray(layer.ignore) ? [...base.ignore, ...layer.ignore.filter((g): g is string => typeof g === 'string')] : base.ignore,
  };
}

function pickVersion(config: Config): Pick<Config, 'kubernetesVersion' | 'kubernetesVersionFrom'> {
  return config.kubernetesVersion === undefined ? {} : { kubernetesVersion: config.kubernetesVersion, kubernetesVersionFrom: config.kubernetesVersionFrom };
}

/** What a rule is known by in a configuration: its id, the id it was split from, its category. */
export interface RuleNaming {
  id: string;
  replaces?: string;
}

/**
 * The user's setting for a rule: by its id, else by the id it was split from
 * (`workload-best-practice: off` turns off every best-practice/… rule that replaced it), else by
 * its category (`schema/*`). The most specific name wins, whatever the layer that wrote it.
 */
export function ruleSetting(config: Config, rule: RuleNaming): RuleSetting | undefined {
  const { rules } = config;
  const byId = rules[rule.id];
  if (byId) return byId;
  const byOldId = rule.replaces ? rules[rule.replaces] : undefined;
  if (byOldId) return byOldId;
  const slash = rule.id.indexOf('/');
  return slash > 0 ? rules[`${rule.id.slice(0, slash)}/*`] : undefined;
}

export function effectiveSeverity(config: Config, rule: RuleNaming, fallback: Severity): Severity | 'off' {
  return ruleSetting(config, rule) ?? fallback;
}
