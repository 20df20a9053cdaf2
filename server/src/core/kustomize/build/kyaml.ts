import { parseAllDocuments, Schema, type Document, type Node, type ScalarTag, type SchemaOptions } from 'yaml';
import { MANIFEST_PARSE_OPTIONS } from '../../../shared/manifest-yaml';

type Tags = Extract<SchemaOptions['customTags'], unknown[]>;
const BOOL = 'tag:yaml.org,2002:bool';

/**
 * How kustomize reads resource and patch files (kyaml, over go-yaml v3): YAML 1.1 numbers (`0644`
 * is written back as is and read as 420 by kubectl) but only `true`/`false` are booleans: `yes`,
 * `on`, `Y` stay strings, and kustomize quotes them on output. No timestamps (strings, as for the
 * API server).
 */
const KYAML_SCHEMA = new Schema({
  schema: 'yaml-1.1',
  resolveKnownTags: false,
  customTags: (tags: Tags) => [
    ...tags.filter((t) => {
      const tag = typeof t === 'object' ? (t as ScalarTag) : undefined;
      return tag?.tag !== BOOL && tag?.tag !== 'tag:yaml.org,2002:timestamp' && tag?.format !== 'TIME';
    }),
    { tag: BOOL, default: true, test: /^(?:true|True|TRUE|false|False|FALSE)$/, resolve: (s: string) => s[0] === 't' || s[0] === 'T' },
  ],
});

/** The documents of a resource or patch file as kustomize reads them. */
export function parseKyaml(text: string): Document.Parsed[] {
  const docs = parseAllDocuments(text, { ...MANIFEST_PARSE_OPTIONS, schema: KYAML_SCHEMA });
  return Array.isArray(docs) ? docs : [];
}

/** A document of a resource file, read once: its errors, its plain value and its node. */
export interface ManifestDocument {
  errors: readonly { message: string }[];
  value: unknown;
  node: Node | null;
}

/** The documents of a resource file as plain values (never changed by the build: it clones what it keeps). */
export function readManifestDocuments(text: string): ManifestDocument[] {
  return parseKyaml(text).map((d) => ({ errors: d.errors, value: d.errors.length > 0 ? undefined : (d.toJS({ maxAliasCount: 1000 }) as unknown), node: d.contents as Node | null }));
}
