// The target Kubernetes version of a file, between the language server and the client's status bar.
// Pure data, no LSP types (both ends import it).

/** Request `{ uri }` → TargetVersionInfo: what the server checks that file against. */
export const TARGET_VERSION_REQUEST = 'kubesight/targetVersion';

/** Sent without parameters when targets may have changed (settings, .kubesight.yaml, cluster). */
export const TARGET_VERSION_CHANGED_NOTIFICATION = 'kubesight/targetVersionChanged';

export interface TargetVersionInfo {
  /** A bundled version, e.g. `1.31`. */
  version: string;
  /** Where it came from, in words: `--kube-version`, a `.kubesight.yaml` path, `cluster "prod"`… */
  from: string;
  /** The version asked for is not bundled (the server checks against `version` instead). */
  problem?: string;
  /** The cluster's version is outside the bundled range. */
  note?: string;
}
