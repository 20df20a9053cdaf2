/**
 * The bundled built-in schemas of several Kubernetes versions, stored once (schemas/, written by
 * scripts/generate-schemas.ts): most definitions are the same from one release to the next (1,033
 * distinct bodies for 4,035 definitions over 1.30–1.35), so every body (a kind's root or a named
 * definition) is kept once under its content hash, and each version's index names, per definition,
 * the body it has in that version. A kind's self-contained schema is its root plus the definitions
 * its references reach, assembled on demand. Pure: the host reads the files.
 */
import { collectRefs, definitionName, type JsonSchema } from './openapi';

export interface StoredKind {
  group: string;
  version: string;
  kind: string;
  /** The kind's id within its version (`apps/v1/deployment.json`): the catalog's `file`. */
  file: string;
  namespaced: boolean;
  plural?: string;
  subresource?: true;
  /** Hash of the root body in the store. */
  root: string;
  /**
   * Hash of the assembled schema: equal in two versions exactly when the kind's schema is; the key of
   * its generated validator (scripts/build-validators.ts).
   */
  hash: string;
}

/** schemas/<version>/index.json */
export interface VersionIndex {
  kubernetesVersion: string;
  kinds: StoredKind[];
  /** Definition name → hash of its body in this version. */
  definitions: Record<string, string>;
}

/** schemas/versions.json: the bundled versions, oldest first. */
export interface BundledVersions {
  versions: string[];
}

/** schemas/definitions.json: body hash → body. */
export type SchemaBodies = Record<string, JsonSchema>;

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

/**
 * The self-contained schema of a kind: `$schema`, `$id`, the root's fields, then the definitions it
 * reaches in name order (the order the generator hashes, so the assembled text is stable).
 */
export function assembleKind(kind: { group: string; version: string; kind: string }, root: JsonSchema, resolveDefinition: (name: string) => JsonSchema | undefined): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const pending = [...collectRefs(root)];
  while (pending.length > 0) {
    const ref = pending.pop() as string;
    const name = definitionName(ref);
    if (name === undefined) throw new Error(`${kind.kind}: unsupported $ref ${ref}`);
    if (definitions[name]) continue;
    const definition = resolveDefinition(name);
    if (!definition) throw new Error(`${kind.kind} references missing ${name}`);
    definitions[name] = definition;
    pending.push(...collectRefs(definition));
  }
  const sorted = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => compareCodeUnits(a, b)));
  return { $schema: DRAFT_07, $id: kindId(kind), ...root, definitions: sorted };
}

export function kindId(kind: { group: string; version: string; kind: string }): string {
  return `kubesight:${kind.group || 'core'}/${kind.version}/${kind.kind}`;
}

/** Code-unit order, independent of the locale. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `1.31` → [1, 31]; undefined for anything that is not a minor version. */
export function parseMinorVersion(text: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

export function compareVersions(a: string, b: string): number {
  const [x, y] = [parseMinorVersion(a) ?? [0, 0], parseMinorVersion(b) ?? [0, 0]];
  return x[0] - y[0] || x[1] - y[1];
}

/**
 * One release's schemas as the catalog reads them (core/schema/catalog.ts SchemaSource, without
 * generated validators): kinds from its index, each assembled from the stored bodies on demand.
 * `body` looks a body up by hash (the hosts read definitions.json their own way).
 */
export function storedSchemaSource(index: VersionIndex, body: (hash: string | undefined) => JsonSchema | undefined): { index: VersionIndex; load(file: string): object } {
  const byFile = new Map(index.kinds.map((k) => [k.file, k]));
  return {
    index,
    load(file) {
      const kind = byFile.get(file);
      const root = body(kind?.root);
      if (!kind || !root) throw new Error(`Kubesight ${index.kubernetesVersion}: no bundled schema ${file}`);
      return assembleKind(kind, root, (name) => body(Object.hasOwn(index.definitions, name) ? index.definitions[name] : undefined));
    },
  };
}
