import Ajv, { type ValidateFunction } from 'ajv';

/** One kind the catalog knows: bundled (schemas/index.json) or from a workspace CRD. */
export interface KindEntry {
  group: string;
  version: string;
  kind: string;
  /** Schema file relative to schemas/ for bundled kinds. */
  file?: string;
  namespaced?: boolean;
  plural?: string;
  /** In-memory schema for custom kinds (CRDs found in the workspace). */
  schema?: object;
  source?: 'builtin' | 'crd';
  /** Where the CRD that defines the kind lives, for messages. */
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
}

interface Compiled {
  schema: object;
  validate: ValidateFunction;
}

/**
 * Kind → schema and ajv validator, loaded and compiled the first time a kind is seen, then cached.
 * The cache lives in the instance; `withCustomKinds` shares it so CRD changes do not recompile
 * built-in kinds.
 */
export class SchemaCatalog {
  private readonly byKey = new Map<string, KindEntry>();
  private readonly byKind = new Map<string, KindEntry[]>();

  private constructor(
    private readonly source: SchemaSource,
    private readonly ajv: Ajv,
    private readonly compiled: Map<string, Compiled>,
    readonly customKinds: readonly KindEntry[],
  ) {
    for (const entry of [...source.index.kinds.map((k) => ({ ...k, source: 'builtin' as const })), ...customKinds]) {
      this.byKey.set(keyOf(entry.group, entry.version, entry.kind), entry);
      const list = this.byKind.get(entry.kind) ?? [];
      list.push(entry);
      this.byKind.set(entry.kind, list);
    }
  }

  static create(source: SchemaSource): SchemaCatalog {
    return new SchemaCatalog(source, newAjv(), new Map(), []);
  }

  get kubernetesVersion(): string {
    return this.source.index.kubernetesVersion;
  }

  /** A catalog that also knows these custom kinds; built-in compilations are shared. */
  withCustomKinds(kinds: KindEntry[]): SchemaCatalog {
    const builtinOnly = new Map([...this.compiled].filter(([key]) => this.byKey.get(key)?.source === 'builtin'));
    return new SchemaCatalog(this.source, newAjv(), builtinOnly, kinds.map((k) => ({ ...k, source: 'crd' as const })));
  }

  entry(group: string, version: string, kind: string): KindEntry | undefined {
    return this.byKey.get(keyOf(group, version, kind));
  }

  entriesForKind(kind: string): readonly KindEntry[] {
    return this.byKind.get(kind) ?? [];
  }

  allEntries(): KindEntry[] {
    return [...this.byKey.values()];
  }

  schema(entry: KindEntry): object | undefined {
    return this.compile(entry)?.schema;
  }

  validator(entry: KindEntry): ValidateFunction | undefined {
    return this.compile(entry)?.validate;
  }

  private compile(entry: KindEntry): Compiled | undefined {
    const key = keyOf(entry.group, entry.version, entry.kind);
    const cached = this.compiled.get(key);
    if (cached) return cached;
    try {
      const schema = entry.schema ?? (entry.file ? this.source.load(entry.file) : undefined);
      if (!schema) return undefined;
      // A schema's $id must be unique per ajv instance; compile a copy without it.
      const { $id: _ignored, ...body } = schema as Record<string, unknown>;
      const compiled = { schema, validate: this.ajv.compile(body) };
      this.compiled.set(key, compiled);
      return compiled;
    } catch {
      return undefined;
    }
  }
}

function keyOf(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

function newAjv(): Ajv {
  // verbose: errors carry the failing schema and data, which the message builder needs.
  return new Ajv({ strict: false, allErrors: true, validateFormats: false, verbose: true });
}
