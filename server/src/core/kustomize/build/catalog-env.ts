import type { SchemaCatalog } from '../../schema/catalog';
import { schemaAt, type SchemaNode } from '../../schema/navigate';
import type { BuildEnv, BuildFiles } from './env';
import { KUSTOMIZE_GROUP } from '../schema';
import { validateAgainstSchema } from '../../schema/validate';

/**
 * The build's knowledge from the schema catalog: which kinds are namespaced, and the merge keys
 * of lists (`x-kubernetes-patch-merge-key`) for strategic merge. A kind without schema (a custom
 * resource) has none: its lists are replaced, as kustomize does without a schema.
 */
export function catalogBuildEnv(catalog: SchemaCatalog, files: BuildFiles): BuildEnv {
  return {
    files,
    isNamespaced: (group, kind) => catalog.isNamespaced(group, kind),
    mergeKey(group, version, kind, path) {
      const entry = catalog.entry(group, version, kind);
      if (!entry || entry.source !== 'builtin') return undefined;
      const root = catalog.schema(entry) as SchemaNode | undefined;
      const key = root ? schemaAt(root, path)?.schema['x-kubernetes-patch-merge-key'] : undefined;
      return typeof key === 'string' ? key : undefined;
    },
    checkKustomization(value) {
      const entry = catalog.entry(KUSTOMIZE_GROUP, 'v1beta1', 'Kustomization');
      const validate = entry && catalog.validator(entry);
      return validate ? validateAgainstSchema(validate, value)[0]?.message : undefined;
    },
  };
}
