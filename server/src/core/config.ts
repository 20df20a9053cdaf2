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
  rules: Readonly<Record<string, RuleSetting>>;
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
  if (layer.rules && typeof layer.rules === 'object') {
    for (const [id, setting] of Object.entries(layer.rules)) if (isRuleSetting(setting)) rules[id] = setting;
  }
  const written = typeof layer.kubernetesVersion === 'string' || typeof layer.kubernetesVersion === 'number' ? String(layer.kubernetesVersion).trim() : '';
  const version = written ? { kubernetesVersion: written, kubernetesVersionFrom: from } : pickVersion(base);
  const channel = GATEWAY_CHANNELS.find((c) => c === layer.gatewayAPIChannel) ?? base.gatewayAPIChannel;
  return {
    ...version,
    ...(channel ? { gatewayAPIChannel: channel } : {}),
    rules,
    ignore: Array.isArray(layer.ignore) ? [...base.ignore, ...layer.ignore.filter((g): g is string => typeof g === 'string')] : base.ignore,
  };
}

function pickVersion(config: Config): Pick<Config, 'kubernetesVersion' | 'kubernetesVersionFrom'> {
  return config.kubernetesVersion === undefined ? {} : { kubernetesVersion: config.kubernetesVersion, kubernetesVersionFrom: config.kubernetesVersionFrom };
}

export function effectiveSeverity(config: Config, ruleId: string, fallback: Severity): Severity | 'off' {
  const setting = config.rules[ruleId];
  if (!setting) return fallback;
  return setting;
}
