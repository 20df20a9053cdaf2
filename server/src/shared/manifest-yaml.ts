// How Kubernetes manifests are decoded, once for both ends: the server's parse (core/model/parse.ts)
// and the client's apply, live baseline and code lenses must read `defaultMode: 0644` as 420 and
// `enabled: yes` as true, as the API server does, or a file that the diagnostics call valid is
// sent as something else.
import { parseAllDocuments, Schema, stringify, type ScalarTag, type SchemaOptions } from 'yaml';

type Obj = Record<string, unknown>;
type Tags = Extract<SchemaOptions['customTags'], unknown[]>;

const tagOf = (t: Tags[number]) => (typeof t === 'object' ? t : undefined);

/**
 * kubectl and the API server decode YAML with sigs.k8s.io/yaml over go-yaml v2: YAML 1.1 booleans
 * (`yes`, `on`, `y`), octal `0644`, but a timestamp-looking scalar stays a string when the target
 * is untyped (go-yaml v2 keeps it one "for backward compatibility"), and there is no sexagesimal
 * `1:30`. yaml's YAML 1.1 schema has both, so they are dropped: `date: 2024-01-01` in a ConfigMap
 * is the string the cluster stores, not a Date that JSON turns into `2024-01-01T00:00:00.000Z`.
 */
function kubernetesTags(tags: Tags): Tags {
  return tags.filter((t) => {
    const tag = tagOf(t);
    return !(tag?.tag === 'tag:yaml.org,2002:timestamp' || ((tag as ScalarTag | undefined)?.format === 'TIME'));
  });
}

/**
 * yaml resolves each plain scalar by trying the schema's tags in order: in YAML 1.1, ~12 regular
 * expressions (null, booleans, the int and float forms) before a key like `containers` or a
 * value like `nginx` falls through to string, ~6% of a warm parse. A plain scalar that starts
 * with a letter none of those forms can start with (they start with a digit, a sign, `.`, `~`,
 * `<`, or y n t f o in either case: `yes`, `null`, `true`, `off`…) is a string whatever follows,
 * so a copy of yaml's string tag that claims exactly those goes first. A copy: yaml also reads
 * the tags when it writes YAML (collection keys become strings that way), and must see a string tag.
 */
function withPlainStringsFirst(tags: Tags): Tags {
  const string = tags.find((t) => tagOf(t)?.tag === 'tag:yaml.org,2002:str' && !('collection' in (t as object) && (t as { collection?: unknown }).collection));
  return typeof string === 'object' ? [{ ...(string as ScalarTag), test: /^[a-eg-mp-su-xzA-EG-MP-SU-XZ]/ }, ...tags] : tags;
}

/** The tags of the manifest schema without the fast string tag: what tests compare the fast path with. */
export const MANIFEST_REFERENCE_SCHEMA = new Schema({ schema: 'yaml-1.1', resolveKnownTags: false, customTags: kubernetesTags });

/**
 * One schema for every document: yaml otherwise builds one per document (its tag list and
 * checks, ~12 ms of a first parse of the 20,000-line benchmark file). Parsing never changes it:
 * yaml adds tags to a schema only for "known tags", which YAML 1.1 mode has none of.
 */
export const MANIFEST_SCHEMA = new Schema({ schema: 'yaml-1.1', resolveKnownTags: false, customTags: (tags) => withPlainStringsFirst(kubernetesTags(tags)) });

/**
 * Options of every manifest parse. logLevel 'error': yaml's warnings (a collection used as a key,
 * converted to a string) would go to stderr through process.emitWarning; the server reports such
 * keys as findings instead.
 */
export const MANIFEST_PARSE_OPTIONS = { version: '1.1', schema: MANIFEST_SCHEMA, uniqueKeys: true, prettyErrors: false, strict: false, logLevel: 'error' } as const;

/** A document is Kubernetes when it has non-empty string `apiVersion` and `kind` at the top. */
export function isKubernetesObject(value: unknown): value is Obj & { apiVersion: string; kind: string } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Obj;
  return typeof v.apiVersion === 'string' && typeof v.kind === 'string' && v.apiVersion !== '' && v.kind !== '';
}

/** A `List` kind (`List`, `ConfigMapList`…) with an `items` list, whose items are objects of their own. */
export function isObjectList(value: Obj & { kind: string }): value is Obj & { kind: string; items: unknown[] } {
  return value.kind.endsWith('List') && Array.isArray(value.items);
}

/** The Kubernetes objects of one document's value: the object itself, or a List's object items. */
export function objectsOfValue(value: unknown): (Obj & { apiVersion: string; kind: string })[] {
  if (!isKubernetesObject(value)) return [];
  return isObjectList(value) ? value.items.filter(isKubernetesObject) : [value];
}

/**
 * The Kubernetes objects of a YAML text, decoded as the API server decodes them (Lists unpacked);
 * documents with syntax errors are left out, as kubectl would refuse them.
 */
export function decodeManifests(text: string): Obj[] {
  const docs = parseAllDocuments(text, MANIFEST_PARSE_OPTIONS);
  return (Array.isArray(docs) ? docs : []).filter((d) => d.errors.length === 0).flatMap((d) => objectsOfValue(d.toJS({ maxAliasCount: 1000 })));
}

/**
 * YAML text of an object that decodes back to the same object with decodeManifests (and on the
 * API server): strings that YAML 1.1 reads as something else (`"yes"`, `"on"`, `"0644"`, `"y"`) are
 * quoted. yaml's YAML 1.2 default writes `yes` plain, which kubectl then reads as true.
 */
export function encodeManifest(value: unknown): string {
  return stringify(value, { version: '1.1', schema: MANIFEST_SCHEMA, lineWidth: 0 });
}
