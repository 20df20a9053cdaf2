import type { FieldPath } from '../../model/path';
import type { Resource } from '../../model/resource';
import { containersOf } from '../../workspace/pod-template';
import { sharedPodTemplate, type DocumentFacts } from '../document-facts';

export interface NamedContainer {
  container: Record<string, unknown>;
  path: FieldPath;
  /** The container's name, or `#<index>` when it has none. */
  name: string;
}

/**
 * The app containers of an object's pod template (not init or ephemeral containers: those run
 * to completion and serve no traffic), for the best-practice rules.
 */
export function appContainers(derived: DocumentFacts, resource: Resource): NamedContainer[] {
  const template = sharedPodTemplate(derived, resource);
  if (!template) return [];
  return containersOf(template)
    .filter(({ path }) => path[path.length - 2] === 'containers')
    .map(({ container, path }) => ({ container, path, name: typeof container.name === 'string' ? container.name : `#${path[path.length - 1]}` }));
}
