import type { Resource } from '../model/resource';
import type { KindEntry } from './catalog';
import { toJsonSchema } from './openapi';

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);

/**
 * Catalog entries for the custom resources defined by CustomResourceDefinitions of the workspace:
 * one per served version, validated with that version's openAPIV3Schema (converted exactly like
 * the bundled schemas). A version without a schema gets an entry without one ("no schema").
 */
export function customKindsOf(resources: readonly Resource[], origin = ''): KindEntry[] {
  return resources.flatMap((r) => {
    if (r.kind !== 'CustomResourceDefinition' || r.group !== 'apiextensions.k8s.io') return [];
    return kindsOfCrd(r.value, r.name).map((k) => ({ ...k, origin }));
  });
}

/**
 * The served versions of one CRD object (its plain value) with their converted schemas. Shared by
 * workspace CRDs and the bundled catalog's generator (scripts/crd-catalog.ts), so both are checked
 * alike.
 */
export function kindsOfCrd(value: Obj, name: string | undefined): KindEntry[] {
  const spec = obj(value.spec);
  const names = obj(spec?.names);
  const group = spec?.group;
  const kind = names?.kind;
  if (typeof group !== 'string' || typeof kind !== 'string' || !Array.isArray(spec?.versions)) return [];
  return spec.versions.flatMap((v): KindEntry[] => {
    const version = obj(v);
    if (!version || typeof version.name !== 'string' || version.served === false) return [];
    const openApi = obj(obj(version.schema)?.openAPIV3Schema);
    return [
      {
        group,
        version: version.name,
        kind,
        namespaced: spec.scope !== 'Cluster',
        plural: typeof names?.plural === 'string' ? names.plural : undefined,
        schema: openApi ? { ...toJsonSchema(openApi, { root: true }), 'x-kubesight-crd': name } : undefined,
      },
    ];
  });
}
