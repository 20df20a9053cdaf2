import type { Resource } from '../model/resource';
import { podTemplateOf, type PodTemplate } from '../workspace/pod-template';

/**
 * What several document rules derive from the same object, derived once per analysis: the
 * schema family (schema/type, schema/enum, …) shares one validation of the object instead of
 * each running ajv. Document-derived only (the object, the catalog, the file's folder), so the
 * findings made from it may be cached by text. One instance serves one diagnoseFile call.
 */
export class DocumentFacts {
  private readonly values = new Map<string, Map<Resource, unknown>>();

  /** `compute(resource)` once per resource and `key` (a name unique to the fact). */
  memo<T>(key: string, resource: Resource, compute: (resource: Resource) => T): T {
    let byResource = this.values.get(key);
    if (!byResource) this.values.set(key, (byResource = new Map()));
    if (byResource.has(resource)) return byResource.get(resource) as T;
    const value = compute(resource);
    byResource.set(resource, value);
    return value;
  }
}

/** The object's pod template, found once per analysis for the rules that all look for it. */
export function sharedPodTemplate(derived: DocumentFacts, resource: Resource): PodTemplate | undefined {
  return derived.memo('podTemplate', resource, podTemplateOf);
}
