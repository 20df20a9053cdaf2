import type { Resource } from '../model/resource';
import { holdsDirectives, mayHoldDirectives } from './patch-directives';

/** Whether an object is a strategic-merge patch by its own content (it holds a `$patch`-style directive). */
export function holdsPatchDirectives(resource: Resource): boolean {
  return mayHoldDirectives(resource.document) && holdsDirectives(resource.value);
}
