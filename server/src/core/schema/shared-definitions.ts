/**
 * Bundled kind schemas are self-contained (each repeats the definitions it needs). Compiling them
 * one by one would compile PodSpec once per pod-template kind (~150 ms each). Instead each
 * definition is registered once per ajv instance under a shared id and every kind refers to it,
 * so a Job after a Deployment costs ~15 ms. Same names mean same definitions: Kubernetes'
 * definition names are fully qualified (`io.k8s.api.core.v1.PodSpec`).
 */
export const SHARED_PREFIX = 'k8s:';

const LOCAL_REF = /"\$ref":"#\/definitions\//g;

export interface SplitSchema {
  root: object;
  definitions: Record<string, object>;
}

/** Separates a kind schema into its root and definitions, with refs pointing at the shared ids. */
export function splitDefinitions(schema: object): SplitSchema {
  const rewritten = JSON.parse(JSON.stringify(schema).replace(LOCAL_REF, `"$ref":"${SHARED_PREFIX}`)) as Record<string, unknown>;
  const { definitions, $id: _id, $schema: _schema, ...root } = rewritten;
  return { root, definitions: (definitions ?? {}) as Record<string, object> };
}
