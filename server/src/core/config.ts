import type { Severity } from './findings';

export type RuleSetting = 'off' | 'error' | 'warning' | 'info';

/** Effective settings for one check run: from .kubesight.yaml, VS Code settings or CLI flags. */
export interface Config {
  kubernetesVersion: string;
  rules: Readonly<Record<string, RuleSetting>>;
  /** Globs of files to leave alone. */
  ignore: readonly string[];
}

/** The configuration file's name; a file with this name is checked as configuration, not as manifests. */
export const CONFIG_FILE_NAME = '.kubesight.yaml';

export function isConfigFile(uri: string | undefined): boolean {
  return uri !== undefined && (uri === CONFIG_FILE_NAME || uri.endsWith(`/${CONFIG_FILE_NAME}`) || uri.endsWith(`\\${CONFIG_FILE_NAME}`));
}

export const DEFAULT_CONFIG: Config = { kubernetesVersion: '1.35', rules: {}, ignore: [] };

const SETTINGS: readonly string[] = ['off', 'error', 'warning', 'info'];

export function isRuleSetting(value: unknown): value is RuleSetting {
  return typeof value === 'string' && SETTINGS.includes(value);
}

/** Later layers win: defaults < file < editor/CLI. Unknown values are ignored, never thrown. */
export function mergeConfig(base: Config, layer: Partial<{ kubernetesVersion: unknown; rules: unknown; ignore: unknown }>): Config {
  const rules: Record<string, RuleSetting> = { ...base.rules };
  if (layer.rules && typeof layer.rules === 'object') {
    for (const [id, setting] of Object.entries(layer.rules)) if (isRuleSetting(setting)) rules[id] = setting;
  }
  return {
    kubernetesVersion: typeof layer.kubernetesVersion === 'string' || typeof layer.kubernetesVersion === 'number' ? String(layer.kubernetesVersion) : base.kubernetesVersion,
    rules,
    ignore: Array.isArray(layer.ignore) ? [...base.ignore, ...layer.ignore.filter((g): g is string => typeof g === 'string')] : base.ignore,
  };
}

export function effectiveSeverity(config: Config, ruleId: string, fallback: Severity): Severity | 'off' {
  const setting = config.rules[ruleId];
  if (!setting) return fallback;
  return setting;
}
