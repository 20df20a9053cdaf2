/**
 * The kinds of one Kubernetes version and their self-contained JSON Schemas, from its OpenAPI v3
 * documents, in memory. Pure: the caller supplies the reads. scripts/schema-folder.ts stores the
 * versions together; scripts/generate-schemas.ts writes the result and
 * test/schema-generate.test.ts compares it with the committed folder.
 */
import { toJsonSchema, type JsonSchema } from '../server/src/core/schema/openapi';
import { ENUM_OVERLAY } from './schema-enums';
import { assembleKind, compareCodeUnits as compare } from '../server/src/core/schema/schema-store';

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

interface SourceDoc {
  file: string;
  group: string;
  version: string;
  schemas: Record<string, JsonSchema>;
  paths: Record<string, Record<string, unknown>>;
}

/** How the API serves a kind, learnt from the paths that take or return it. */
interface Usage {
  plurals: Set<string>;
  namespaced: boolean;
  /** Seen only below `{name}/` (Scale, Eviction, TokenRequest). */
  subresourceOnly: boolean;
}

interface KindSource extends Gvk {
  definition: string;
  doc: SourceDoc;
}

export interface IndexEntry extends Gvk {
  file: string;
  namespaced: boolean;
  plural?: string;
  subresource?: true;
}

const NOT_RESOURCES = new Set(['Status', 'DeleteOptions', 'WatchEvent', 'APIResourceList', 'APIGroup', 'APIGroupList', 'APIVersions']);

export interface GeneratedKind {
  entry: IndexEntry;
  /** Self-contained: the root plus the definitions it reaches. */
  schema: JsonSchema;
}

/**
 * The kinds one version's OpenAPI documents serve, each with its self-contained schema.
 * `readJson` and `listFiles` see paths relative to the OpenAPI folder (`api/v1.json`,
 * `apis/apps/v1.json`). `usedOverlay` collects the ENUM_OVERLAY fields this version has (the
 * caller checks that every one is used by some version).
 */
export function generateVersion(readJson: (relPath: string) => unknown, listFiles: () => string[], usedOverlay: Set<string>): GeneratedKind[] {
  const docs = listFiles()
    .filter((f) => /^(api\/v1|apis\/[^/]+\/[^/]+)\.json$/.test(f))
    .sort()
    .map((f) => loadDoc(f, readJson(f), usedOverlay));
  const kinds: GeneratedKind[] = [];
  const usage = collectUsage(docs);
  for (const source of findKinds(docs)) {
    const use = usage.get(gvkKey(source));
    if (!use) continue; // no path serves it: not a resource a manifest can hold
    kinds.push({ entry: indexEntry(source, use), schema: kindSchema(source) });
  }
  return kinds.sort((a, b) => compare(a.entry.group, b.entry.group) || compare(a.entry.version, b.entry.version) || compare(a.entry.kind, b.entry.kind));
}

/** ENUM_OVERLAY fields that no document had: a typo in the overlay, or a field gone upstream. */
export function unusedOverlayFields(used: ReadonlySet<string>): string[] {
  return Object.entries(ENUM_OVERLAY)
    .flatMap(([def, props]) => Object.keys(props).map((p) => `${def}.${p}`))
    .filter((k) => !used.has(k));
}

function loadDoc(file: string, json: unknown, used: Set<string>): SourceDoc {
  const doc = (json ?? {}) as { components?: { schemas?: Record<string, JsonSchema> }; paths?: SourceDoc['paths'] };
  const parts = file.replace(/\.json$/, '').split('/');
  const [group, version] = parts[0] === 'api' ? ['', parts[1]] : [parts[1], parts[2]];
  return { file, group, version, schemas: withEnumOverlay(doc.components?.schemas ?? {}, used), paths: doc.paths ?? {} };
}

/** A copy of the definitions with ENUM_OVERLAY applied; `used` records each field patched. */
function withEnumOverlay(schemas: Record<string, JsonSchema>, used: Set<string>): Record<string, JsonSchema> {
  const out = { ...schemas };
  for (const [def, fields] of Object.entries(ENUM_OVERLAY)) {
    const schema = schemas[def];
    if (!schema) continue;
    const props = { ...(schema.properties as Record<string, JsonSchema>) };
    for (const [key, values] of Object.entries(fields)) {
      const name = key.replace(/\[\]$/, '');
      const prop = props[name];
      if (!prop) continue;
      const enumValues = [...values].sort(compare);
      props[name] = key.endsWith('[]') ? { ...prop, items: { ...(prop.items as JsonSchema), enum: enumValues } } : { ...prop, enum: enumValues };
      used.add(`${def}.${key}`);
    }
    out[def] = { ...schema, properties: props };
  }
  return out;
}

/** Schemas shaped like a top-level object: a GVK and the TypeMeta/ObjectMeta fields. */
function findKinds(docs: SourceDoc[]): KindSource[] {
  const byGvk = new Map<string, KindSource>();
  for (const doc of docs) {
    for (const [definition, schema] of Object.entries(doc.schemas)) {
      const props = (schema.properties ?? {}) as Record<string, unknown>;
      if (!props.apiVersion || !props.kind || !props.metadata) continue;
      for (const gvk of (schema['x-kubernetes-group-version-kind'] ?? []) as Gvk[]) {
        if (gvk.kind.endsWith('List') || NOT_RESOURCES.has(gvk.kind)) continue;
        const key = gvkKey(gvk);
        const seen = byGvk.get(key);
        // Documents repeat the types they borrow (autoscaling/v1 Scale sits in apps/v1.json too);
        // the document of the kind's own group-version is the authority.
        if (!seen || (doc.group === gvk.group && doc.version === gvk.version)) {
          byGvk.set(key, { group: gvk.group, version: gvk.version, kind: gvk.kind, definition, doc });
        }
      }
    }
  }
  return [...byGvk.values()];
}

/** Path operations by GVK: plural, namespace scope, and whether the kind is only a subresource. */
function collectUsage(docs: SourceDoc[]): Map<string, Usage> {
  const usage = new Map<string, Usage>();
  for (const doc of docs) {
    for (const [path, item] of Object.entries(doc.paths)) {
      const shape = pathShape(path);
      if (!shape) continue;
      for (const op of Object.values(item)) {
        const gvk = (op as { 'x-kubernetes-group-version-kind'?: Gvk })?.['x-kubernetes-group-version-kind'];
        const action = (op as { 'x-kubernetes-action'?: string })?.['x-kubernetes-action'];
        if (!gvk || action === 'connect') continue; // connect options (PodExecOptions…) are query parameters, not objects
        const key = gvkKey(gvk);
        const use = usage.get(key) ?? { plurals: new Set<string>(), namespaced: false, subresourceOnly: true };
        if (shape.subresource === undefined) {
          use.plurals.add(shape.plural);
          use.subresourceOnly = false;
        }
        use.namespaced ||= shape.namespaced;
        usage.set(key, use);
      }
    }
  }
  return usage;
}

/** `/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale` → deployments, namespaced, scale. */
function pathShape(path: string): { plural: string; namespaced: boolean; subresource?: string } | undefined {
  const rest = path.replace(/^\/api\/v1\//, '').replace(/^\/apis\/[^/]+\/[^/]+\//, '');
  if (rest === path || rest.startsWith('watch/')) return undefined;
  const namespaced = rest.startsWith('namespaces/{namespace}/');
  const segments = (namespaced ? rest.slice('namespaces/{namespace}/'.length) : rest).split('/').filter(Boolean);
  if (segments.length === 0 || (segments.length > 1 && segments[1] !== '{name}')) return undefined;
  return { plural: segments[0], namespaced, subresource: segments[2] };
}

function indexEntry(source: KindSource, use: Usage): IndexEntry {
  const entry: IndexEntry = {
    group: source.group,
    version: source.version,
    kind: source.kind,
    file: `${source.group || 'core'}/${source.version}/${source.kind.toLowerCase()}.json`,
    namespaced: use.namespaced,
  };
  const plurals = [...use.plurals].sort(compare);
  if (plurals.length > 0) entry.plural = plurals[0];
  if (use.subresourceOnly) entry.subresource = true;
  return entry;
}

/** The kind's root schema plus exactly the definitions it reaches, so each file stands alone. */
function kindSchema(source: KindSource): JsonSchema {
  const root = toJsonSchema(source.doc.schemas[source.definition], { root: true });
  const raw = source.doc.schemas;
  return assembleKind(source, root, (name) => (Object.hasOwn(raw, name) ? toJsonSchema(raw[name]) : undefined));
}

function gvkKey(gvk: Gvk): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}
