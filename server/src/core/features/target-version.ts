import type { Config } from '../config';
import { compareVersions, parseMinorVersion } from '../schema/schema-store';
import type { SchemaVersions } from '../schema/versions';

/** The Kubernetes version a file is checked against, and why that one. */
export interface TargetVersion {
  /** A bundled version. */
  version: string;
  /** `--kube-version`, `the kubesight.kubernetesVersion setting`, a `.kubesight.yaml` path, `cluster "prod"`, … */
  from: string;
  /**
   * Set when the version asked for is not bundled: the user must hear it (CLI exit 2, an error on
   * the config key, a message for the setting). `version` is then the nearest bundled one.
   */
  problem?: string;
  /** Set when the cluster runs a version outside the bundled range: checked against the nearest one. */
  note?: string;
}

/** What the connected cluster said at `/version` (`gitVersion`, e.g. `v1.31.4-eks-1234`). */
export interface ClusterVersion {
  gitVersion: string;
  context: string;
}

/**
 * The target, in order: a version the user set (flag, setting, .kubesight.yaml); else the connected
 * cluster's; else the newest bundled. Never silently another one: a version outside the bundled
 * range says so.
 */
export function targetVersion(versions: SchemaVersions, config: Pick<Config, 'kubernetesVersion' | 'kubernetesVersionFrom'>, cluster?: ClusterVersion): TargetVersion {
  if (config.kubernetesVersion !== undefined) {
    const from = config.kubernetesVersionFrom ?? 'the configuration';
    const bundled = versions.resolve(config.kubernetesVersion);
    if (bundled) return { version: bundled, from };
    return { version: nearest(versions, config.kubernetesVersion), from, problem: unsupportedVersionMessage(versions, config.kubernetesVersion, from) };
  }
  if (cluster) {
    const from = `cluster ${JSON.stringify(cluster.context)}`;
    const bundled = versions.resolve(cluster.gitVersion);
    if (bundled) return { version: bundled, from };
    if (parseMinorVersion(cluster.gitVersion)) {
      const version = nearest(versions, cluster.gitVersion);
      return { version, from, note: `cluster ${JSON.stringify(cluster.context)} runs Kubernetes ${cluster.gitVersion}; Kubesight bundles ${versions.range}, so it checks against ${version}` };
    }
  }
  return { version: versions.newest, from: 'the newest bundled version' };
}

export function unsupportedVersionMessage(versions: SchemaVersions, written: string, from: string): string {
  return `Kubernetes version ${JSON.stringify(written)} (${from}) is not supported: Kubesight bundles the schemas of Kubernetes ${versions.range}`;
}

/** The bundled version closest to a written one (the newest for anything unreadable). */
function nearest(versions: SchemaVersions, written: string): string {
  const parsed = parseMinorVersion(written);
  if (!parsed) return versions.newest;
  const asked = `${parsed[0]}.${parsed[1]}`;
  return compareVersions(asked, versions.oldest) < 0 ? versions.oldest : versions.newest;
}
