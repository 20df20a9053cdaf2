import { SchemaCatalog, type SchemaSource } from './catalog';
import { compareVersions, parseMinorVersion } from './schema-store';

/**
 * The Kubernetes versions whose built-in schemas are bundled, and a catalog for each, created the
 * first time a file targets that version (a catalog compiles or loads validators lazily, so an
 * unused version costs nothing). Each catalog can reach its siblings, to say in which release a
 * field or an API appeared or went.
 */
export class SchemaVersions {
  private readonly catalogs = new Map<string, SchemaCatalog>();
  /** Oldest first. */
  readonly versions: readonly string[];

  constructor(versions: readonly string[], private readonly sourceFor: (version: string) => SchemaSource | undefined) {
    this.versions = [...versions].sort(compareVersions);
    if (this.versions.length === 0) throw new Error('Kubesight: no bundled Kubernetes version');
  }

  get newest(): string {
    return this.versions[this.versions.length - 1];
  }

  get oldest(): string {
    return this.versions[0];
  }

  /** `1.30–1.35`, for messages. */
  get range(): string {
    return `${this.oldest}–${this.newest}`;
  }

  /** The bundled version a written one means (`1.31`, `v1.31.4`, `1.31.0-eks-…` → `1.31`), if bundled. */
  resolve(written: string): string | undefined {
    const parsed = parseMinorVersion(written);
    return parsed ? this.versions.find((v) => compareVersions(v, `${parsed[0]}.${parsed[1]}`) === 0) : undefined;
  }

  /** Undefined for a version that is not bundled. */
  catalog(version: string): SchemaCatalog | undefined {
    const resolved = this.resolve(version);
    if (!resolved) return undefined;
    let catalog = this.catalogs.get(resolved);
    if (!catalog) {
      const source = this.sourceFor(resolved);
      if (!source) return undefined;
      catalog = SchemaCatalog.create(source, this);
      this.catalogs.set(resolved, catalog);
    }
    return catalog;
  }

  /** Bundled versions after `version`, oldest first. */
  newerThan(version: string): string[] {
    return this.versions.filter((v) => compareVersions(v, version) > 0);
  }

  /** Bundled versions before `version`, newest first. */
  olderThan(version: string): string[] {
    return this.versions.filter((v) => compareVersions(v, version) < 0).reverse();
  }
}
