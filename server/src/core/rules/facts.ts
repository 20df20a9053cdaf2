import type { Resource } from '../model/resource';
import { detectApps, type DetectedApp } from '../stacks/detect';
import { resolvedEnv, type EnvValue } from '../stacks/env';
import type { ContainerAt } from '../workspace/pod-template';
import type { Workspace } from '../workspace/workspace';

/**
 * What several workspace rules derive from the same object, derived once per analysis. Four stack
 * rules each recognised the applications of every workload and resolved their env across
 * ConfigMaps: a fifth of the time the workspace rules took on the 20,000-line benchmark file.
 * One instance serves one diagnoseFile call, and resources are re-created per analysis, so nothing
 * is kept after it. Workspace-dependent: document-scoped rules (cached by text) must not use it.
 */
export class ResourceFacts {
  private readonly apps = new Map<Resource, DetectedApp[]>();
  private readonly envs = new Map<object, Map<string, EnvValue>>();

  constructor(private readonly workspace: Workspace | undefined) {}

  /** The applications the object's containers run (`detectApps` with the workspace). */
  appsOf(resource: Resource): DetectedApp[] {
    let apps = this.apps.get(resource);
    if (!apps) {
      apps = detectApps(resource, this.workspace);
      this.apps.set(resource, apps);
    }
    return apps;
  }

  /** A container's environment, ConfigMap values included (`resolvedEnv` with the workspace). */
  envOf(resource: Resource, container: ContainerAt): Map<string, EnvValue> {
    let env = this.envs.get(container.container);
    if (!env) {
      env = resolvedEnv(resource, container.container, container.path, this.workspace);
      this.envs.set(container.container, env);
    }
    return env;
  }
}
