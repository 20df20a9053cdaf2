// OpenAPI v3 documents for the CustomResourceDefinitions the test server holds, shaped like the
// API server's: one document per group-version, the kind under its reversed-group name with
// `x-kubernetes-group-version-kind` and `metadata` referring to ObjectMeta, and a `?hash=` in the
// index that changes with the content.
import { createHash } from 'node:crypto';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** Group-version path (`apis/<group>/<version>`) → document, for every served version of the CRDs. */
export function crdDocuments(crds: readonly Obj[]): Map<string, object> {
  const out = new Map<string, Obj>();
  for (const crd of crds) {
    const { group, names, versions } = crd.spec ?? {};
    for (const v of (versions ?? []) as Obj[]) {
      if (v.served === false || !v.schema?.openAPIV3Schema) continue;
      const path = `apis/${group}/${v.name}`;
      const doc = out.get(path) ?? { openapi: '3.0.0', info: { title: 'Kubernetes CRD Swagger', version: 'v0.1.0' }, components: { schemas: { [OBJECT_META]: { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string' } }, annotations: { type: 'object', additionalProperties: { type: 'string' } } } } } } };
      const name = `${String(group).split('.').reverse().join('.')}.${v.name}.${names.kind}`;
      const schema = structuredClone(v.schema.openAPIV3Schema);
      schema.properties = { ...schema.properties, metadata: { allOf: [{ $ref: `#/components/schemas/${OBJECT_META}` }], description: 'Standard object metadata.' } };
      schema['x-kubernetes-group-version-kind'] = [{ group, version: v.name, kind: names.kind }];
      doc.components.schemas[name] = schema;
      out.set(path, doc);
    }
  }
  return out;
}

export function documentHash(doc: object): string {
  return createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128).toUpperCase();
}
