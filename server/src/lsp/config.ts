import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONFIG, mergeConfig, type Config } from '../core/config';
import { findConfigFile, loadConfigFile } from '../io/config-file';

/** The `kubesight` section of the editor settings (product.md §4). */
export interface EditorSettings {
  validate?: { enable?: boolean };
  rules?: Record<string, unknown>;
  kubernetesVersion?: string;
  files?: { exclude?: string[] };
  immutable?: { against?: string };
  gatewayAPI?: { channel?: string };
}

/**
 * Effective config of a file: defaults < nearest .kubesight.yaml < editor settings. Config files
 * are read once per folder and forgotten when one changes (`invalidate`).
 */
export class ConfigResolver {
  private settings: EditorSettings = {};
  private readonly byDir = new Map<string, Config>();

  setSettings(settings: EditorSettings | null | undefined): void {
    this.settings = settings ?? {};
  }

  get validationEnabled(): boolean {
    return this.settings.validate?.enable !== false;
  }

  /** The git ref immutable-field compares with; '' turns the check off. */
  get immutableAgainst(): string {
    const ref = this.settings.immutable?.against;
    return typeof ref === 'string' ? ref.trim() : 'HEAD';
  }

  get excludeGlobs(): string[] {
    return this.settings.files?.exclude ?? [];
  }

  invalidate(): void {
    this.byDir.clear();
  }

  forUri(uri: string): Config {
    const fromFile = this.fileConfig(uri);
    // The setting's default ('') leaves the channel to .kubesight.yaml.
    return mergeConfig(fromFile, { rules: this.settings.rules, kubernetesVersion: this.settings.kubernetesVersion, gatewayAPIChannel: this.settings.gatewayAPI?.channel }, 'the kubesight.kubernetesVersion setting');
  }

  private fileConfig(uri: string): Config {
    if (!uri.startsWith('file:')) return DEFAULT_CONFIG;
    const dir = dirname(fileURLToPath(uri));
    let config = this.byDir.get(dir);
    if (!config) {
      const path = findConfigFile(dir);
      try {
        config = path ? loadConfigFile(path) : DEFAULT_CONFIG;
      } catch {
        config = DEFAULT_CONFIG; // a broken .kubesight.yaml must not stop the editor features
      }
      this.byDir.set(dir, config);
    }
    return config;
  }
}
