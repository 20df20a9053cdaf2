/**
 * The whole schemas/ folder for several Kubernetes versions (layout: core/schema/schema-store.ts):
 * `versions.json`, one `<version>/index.json` per version and `definitions.json`, every body once
 * under its content hash. Pure: the caller supplies each version's reads.
 */
import { createHash } from 'node:crypto';
import type { JsonSchema } from '../server/src/core/schema/openapi';
import { assembleKind, compareCodeUnits, compareVersions, type BundledVersions, type SchemaBodies, type StoredKind, type VersionIndex } from '../server/src/core/schema/schema-store';
import { generateVersion, unusedOverlayFields } from './schema-generator';

export interface OpenApiVersion {
  /** `1.35`: the folder name under ../shared/k8s-openapi. */
  version: string;
  readJson: (relPath: string) => unknown;
  listFiles: () => string[];
}

/** Output path (relative to schemas/) → file content. */
export function generateSchemaFolder(sources: readonly OpenApiVersion[]): Map<string, string> {
  const used = new Set<string>();
  const bodies: SchemaBodies = {};
  const out = new Map<string, string>();
  const ordered = [...sources].sort((a, b) => compareVersions(a.version, b.version));
  for (const source of ordered) {
    const index = storeVersion(source, used, bodies);
    out.set(`${source.version}/index.json`, JSON.stringify(index));
  }
  const unused = unusedOverlayFields(used);
  if (unused.length > 0) throw new Error(`enum overlay names fields no version has: ${unused.join(', ')}`);
  const versions: BundledVersions = { versions: ordered.map((s) => s.version) };
  out.set('versions.json', JSON.stringify(versions));
  out.set('definitions.json', JSON.stringify(Object.fromEntries(Object.entries(bodies).sort(([a], [b]) => compareCodeUnits(a, b)))));
  return new Map([...out].sort(([a], [b]) => compareCodeUnits(a, b)));
}

/** One version's index; its bodies are added to `bodies`. */
function storeVersion(source: OpenApiVersion, used: Set<string>, bodies: SchemaBodies): VersionIndex {
  const definitions: Record<string, string> = {};
  const kinds: StoredKind[] = [];
  for (const { entry, schema } of generateVersion(source.readJson, source.listFiles, used)) {
    const { $schema: _s, $id: _i, definitions: reached = {}, ...root } = schema as JsonSchema & { definitions?: Record<string, JsonSchema> };
    for (const [name, body] of Object.entries(reached)) {
      const hash = put(bodies, body);
      // A name means one body in a version (documents repeat shared types, identically).
      if (definitions[name] && definitions[name] !== hash) throw new Error(`${source.version}: ${name} differs between documents`);
      definitions[name] = hash;
    }
    const assembled = assembleKind(entry, root, (name) => reached[name]);
    const text = JSON.stringify(assembled);
    if (text !== JSON.stringify(schema)) throw new Error(`${source.version}: ${entry.kind} does not assemble back to its schema`);
    kinds.push({ ...entry, root: put(bodies, root), hash: contentHash(text) });
  }
  const sortedDefinitions = Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => compareCodeUnits(a, b)));
  return { kubernetesVersion: source.version, kinds, definitions: sortedDefinitions };
}

function put(bodies: SchemaBodies, body: JsonSchema): string {
  const hash = contentHash(JSON.stringify(body));
  bodies[hash] ??= body;
  return hash;
}

/** 64 bits of SHA-256: ~1,000 bodies make a collision (2^-44) no concern. */
export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
