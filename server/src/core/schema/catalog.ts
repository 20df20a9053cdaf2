import Ajv, { type ValidateFunction } from 'ajv';
import { SHARED_PREFIX, splitDefinitions } from './shared-definitions';
import { withJsPatterns } from './go-regexp';
import type { SchemaVersions } from './versions';
import { KUSTOMIZE_KINDS } from '../kustomize/schema';
import type { GatewayChannel } from './crd-catalog';

/** One kind the catalog knows: bundled (schemas/index.json) or from a workspace CRD. */
export interface KindEntry {
  group: string;
  version: string;
  kind: string;
  /** Schema file relative to schemas/ for bundled kinds. */
  file?: string;
  namespaced?: boolean;
  plural?: string;
  /** In-memory schema for custom kinds (CRDs found in the workspace, schemas from the cluster). */
  schema?: object;
  /**
   * Where the schema comes from, in increasing precedence for custom resources: the bundled CRD
   * catalog, the connected cluster's OpenAPI, a CRD in the workspace. A built-in kind wins over all.
   */
  source?: 'builtin' | 'catalog' | 'cluster' | 'crd';
  /** Content hash of a bundled kind's schema (core/schema/schema-store.ts): the key of its generated validator. */
  hash?: string;
  /** Root body hash of a catalog kind in its project's bodies file (crd-catalog.ts). */
  root?: string;
  /**
   * Where the CRD that defines the kind lives (its file's URI), for messages; for the catalog and
   * the cluster, that source in words ("the bundled catalog: cert-manager (…)").
   */
  origin?: string;
}

export interface SchemaIndex {
  kubernetesVersion: string;
  kinds: KindEntry[];
}

/** The I/O the catalog needs, injected so the core stays pure. */
export interface SchemaSource {
  index: SchemaIndex;
  /** Loads a bundled schema file (relative to schemas/). */
  load(file: string): object;
  /**
   * A validator generated ahead of time (ajv standalone code built from the same schemas), when the
   * host has one: it skips compiling, and parsing the schema, at run time. Undefined means
   * "compile it here".
   */
  precompiled?(entry: KindEntry): ValidateFunction | undefined;
  /** The bundled catalog of custom-resource schemas (crd-catalog.ts), when the host ships it. */
  crds?: CustomSchemaSource;
}

/** The bundled CRD catalog as the SchemaCatalog reads it: kinds per Gateway API channel, lazily loaded. */
export interface CustomSchemaSource {
  kinds(channel: GatewayChannel): readonly KindEntry[];
  load(entry: KindEntry): object;
  precompiled?(entry: KindEntry): ValidateFunction | undefined;
}

/** The custom kinds a catalog knows beside the built-in ones, each layer winning over the one before. */
export interface CustomLayers {
  /** Gateway API channel of the bundled catalog (default standard). */
  channel?: GatewayChannel;
  /** Schemas from the connected cluster's OpenAPI (source 'cluster'). */
  cluster?: readonly KindEntry[];
}

interface Compiled {
  /** Parsed on demand: a precompiled validator does not need it, completion and hover do. */
  schema?: object;
  /** Undefined when the schema could not be compiled (see `problems`). */
  validate?: ValidateFunction;
  /** Why the validator checks less than the schema says, in words that follow "the schema of X". */
  problems: readonly string[];
}

/**
 * Kind → schema and ajv validator, loaded and compiled the first time a kind is seen, then cached.
 * The cache lives in the instance; `withCustomKinds` shares it so CRD changes do not recompile
 * built-in kinds.
 */
export class SchemaCatalog {
  private readonly byKey = new Map<string, KindEntry>();
  private readonly byKind = new Map<string, KindEntry[]>();
  private readonly sharedIds = new Set<string>();

  private constructor(
    private readonly source: SchemaSource,
    private readonly ajv: Ajv,
    private readonly compiled: Map<string, Compiled>,
    readonly customKinds: readonly KindEntry[],
    /** The other bundled versions' catalogs (versions.ts), when the host bundles several. */
    readonly versions?: SchemaVersions,
    readonly layers: CustomLayers = {},
  ) {
    const catalogKinds = source.crds?.kinds(layers.channel ?? 'standard') ?? [];
    const clusterKinds = (layers.cluster ?? []).map((k) => ({ ...k, source: 'cluster' as const }));
    // Kustomize's own kinds (kustomization files) are known everywhere, like the built-in ones.
    for (const layered of [...source.index.kinds.map((k) => ({ ...k, source: 'builtin' as const })), ...KUSTOMIZE_KINDS, ...catalogKinds, ...clusterKinds, ...customKinds]) {
      // A CRD cannot redefine a built-in kind: the built-in schema wins. Otherwise the later layer
      // wins: a workspace CRD over the cluster's schema over the bundled catalog.
      const key = keyOf(layered.group, layered.version, layered.kind);
      const before = this.byKey.get(key);
      if (before?.source === 'builtin') continue;
      // The cluster's OpenAPI does not say a kind's scope: the layer below may.
      const entry = layered.namespaced === undefined && before?.namespaced !== undefined ? { ...layered, namespaced: before.namespaced, plural: layered.plural ?? before.plural } : layered;
      this.byKey.set(key, entry);
      const list = (this.byKind.get(entry.kind) ?? []).filter((e) => e !== before);
      list.push(entry);
      this.byKind.set(entry.kind, list);
    }
  }

  static create(source: SchemaSource, versions?: SchemaVersions, layers: CustomLayers = {}): SchemaCatalog {
    return new SchemaCatalog(source, newAjv(), new Map(), [], versions, layers);
  }

  get kubernetesVersion(): string {
    return this.source.index.kubernetesVersion;
  }

  /** The built-in catalog of another bundled version (undefined when it is not bundled). */
  inVersion(version: string): SchemaCatalog | undefined {
    return this.versions?.catalog(version);
  }

  /**
   * A catalog that also knows these custom kinds (workspace CRDs) and, given `layers`, the cluster's
   * schemas and the catalog's channel (else this catalog's). Compilations of the built-in kinds, of
   * the bundled catalog and of unchanged cluster schemas are shared: their cache key names the content.
   */
  withCustomKinds(kinds: KindEntry[], layers: CustomLayers = this.layers): SchemaCatalog {
    const kept = new Map([...this.compiled].filter(([key]) => !key.startsWith('crd:')));
    return new SchemaCatalog(this.source, newAjv(), kept, kinds.map((k) => ({ ...k, source: 'crd' as const })), this.versions, layers);
  }

  entry(group: string, version: string, kind: string): KindEntry | undefined {
    return this.byKey.get(keyOf(group, version, kind));
  }

  /** Whether objects of the kind live in a namespace; undefined for a kind the catalog does not know. */
  isNamespaced(group: string, kind: string): boolean | undefined {
    return this.entriesForKind(kind).find((e) => e.group === group)?.namespaced;
  }

  entriesForKind(kind: string): readonly KindEntry[] {
    return this.byKind.get(kind) ?? [];
  }

  allEntries(): KindEntry[] {
    return [...this.byKey.values()];
  }

  schema(entry: KindEntry): object | undefined {
    const compiled = this.compile(entry);
    if (compiled && !compiled.schema) compiled.schema = this.loadSchema(entry);
    return compiled?.schema;
  }

  private loadSchema(entry: KindEntry): object | undefined {
    try {
      if (entry.schema) return entry.schema;
      if (entry.source === 'catalog') return this.source.crds?.load(entry);
      return entry.file ? this.source.load(entry.file) : undefined;
    } catch {
      return undefined;
    }
  }

  validator(entry: KindEntry): ValidateFunction | undefined {
    return this.compile(entry)?.validate;
  }

  /**
   * What the kind's validator does not check although its schema says so: a schema that could not
   * be compiled, patterns without a JavaScript equivalent. Empty for a kind without a schema.
   */
  schemaProblems(entry: KindEntry): readonly string[] {
    return this.compile(entry)?.problems ?? [];
  }

  private compile(entry: KindEntry): Compiled | undefined {
    const key = compiledKey(entry);
    const cached = this.compiled.get(key);
    if (cached) return cached;
    const ready = entry.source === 'builtin' || entry.source === 'catalog' ? this.precompiled(entry) : undefined;
    const schema = ready ? undefined : this.loadSchema(entry);
    if (!ready && !schema) return undefined;
    const compiled: Compiled = ready ? { validate: ready, problems: [] } : this.compileSchema(entry, schema!);
    // Failures are kept too: a schema that does not compile is tried once, not for every object.
    this.compiled.set(key, compiled);
    return compiled;
  }

  private precompiled(entry: KindEntry): ValidateFunction | undefined {
    try {
      return entry.source === 'catalog' ? this.source.crds?.precompiled?.(entry) : this.source.precompiled?.(entry);
    } catch {
      return undefined; // the catalog compiles the schema instead
    }
  }

  /** CRD patterns are Go regular expressions (go-regexp.ts); the bundled schemas have none that differ. */
  private compileSchema(entry: KindEntry, schema: object): Compiled {
    const { schema: translated, dropped } = entry.source === 'builtin' ? { schema, dropped: [] } : withJsPatterns(schema);
    const problems = dropped.map((d) => `has a pattern that is not a JavaScript regular expression: ${JSON.stringify(d.pattern)} at ${d.field} (${d.reason}); values of that field are not checked against it`);
    try {
      return { schema, validate: this.compileShared(translated), problems };
    } catch (e) {
      return { schema, problems: [`could not be compiled: ${firstLine(e)}; fields of this kind are not checked`] };
    }
  }

  /** Compiles a kind against the definitions shared by every kind of this catalog (see shared-definitions.ts). */
  private compileShared(schema: object): ValidateFunction {
    const { root, definitions } = splitDefinitions(schema);
    for (const [name, definition] of Object.entries(definitions)) {
      const id = SHARED_PREFIX + name;
      // `ajv.getSchema` would compile it; registration is tracked here instead.
      if (!this.sharedIds.has(id)) {
        this.ajv.addSchema(definition, id);
        this.sharedIds.add(id);
      }
    }
    return this.ajv.compile(root);
  }
}

function firstLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const line = text.split('\n')[0];
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

function keyOf(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

/**
 * The compilation cache's key: what the schema is, so a cached validator is never used for another
 * schema of the same kind (a workspace CRD replacing the catalog's, another cluster, another channel).
 * Workspace CRDs (`crd:`) are dropped whenever the workspace's CRDs change.
 */
function compiledKey(entry: KindEntry): string {
  const gvk = keyOf(entry.group, entry.version, entry.kind);
  const source = entry.source ?? 'crd';
  return source === 'builtin' ? `builtin:${gvk}` : entry.hash ? `${source}:${entry.hash}:${gvk}` : `crd:${gvk}`;
}

/** The one place ajv options are chosen; scripts/build-validators.ts generates code with the same. */
export const AJV_OPTIONS = {
  strict: false,
  allErrors: true,
  validateFormats: false,
  // Errors carry the failing schema and data, which the message builder needs.
  verbose: true,
  // Definitions become functions of their own, compiled once and shared by every kind.
  inlineRefs: false,
} as const;

export function newAjv(extra: Record<string, unknown> = {}): Ajv {
  return new Ajv({ ...AJV_OPTIONS, ...extra });
}
