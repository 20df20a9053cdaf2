/**
 * The bundled catalog of custom-resource schemas (schemas/catalog/, written by
 * scripts/generate-crd-catalog.ts from the upstream CRDs of ../shared/crds). Each served version of
 * each CRD is converted exactly like a workspace CRD (crd.ts). Subtrees that several kinds of a
 * project repeat (a pod template, a TLS block) are stored once in the project's bodies file under
 * their content hash and referenced as `#/definitions/<name>`; a kind's self-contained schema is its
 * root plus the definitions it reaches (schema-store.ts `assembleKind`). Pure: the host reads files.
 */
import type { ValidateFunction } from 'ajv';
import type { CustomSchemaSource, KindEntry } from './catalog';
import { assembleKind, type SchemaBodies } from './schema-store';

/** The Gateway API ships two channels; a catalog uses one, never a merge (setting `gatewayAPIChannel`). */
export type GatewayChannel = 'standard' | 'experimental';
export const GATEWAY_CHANNELS: readonly GatewayChannel[] = ['standard', 'experimental'];

/** Where a project's CRDs come from, for hover, the CLI and the licenses file. */
export interface CatalogProject {
  /** Folder name in ../shared/crds, e.g. `cert-manager`. */
  id: string;
  repository: string;
  commit: string;
  date: string;
  license: string;
}

/** One group/version/kind of the catalog (schemas/catalog/index.json). */
export interface CatalogKind {
  project: string;
  group: string;
  version: string;
  kind: string;
  plural?: string;
  namespaced: boolean;
  /** Only for the Gateway API: the channels whose CRD has this schema. */
  channels?: GatewayChannel[];
  /** Hash of the root body in the project's bodies file. */
  root: string;
  /** Hash of the assembled schema: the key of its generated validator. */
  hash: string;
}

/** schemas/catalog/index.json */
export interface CatalogIndex {
  projects: CatalogProject[];
  kinds: CatalogKind[];
}

export const DEFINITION_PREFIX = 'crd.';

/** The file of a project's bodies, relative to schemas/catalog. */
export function bodiesFile(project: string): string {
  return `${project}.json`;
}

/** The words hover and the CLI use for the catalog as the source of a kind's schema. */
export function describeProject(project: CatalogProject | undefined, channel?: GatewayChannel): string {
  if (!project) return 'the bundled catalog';
  const channelNote = channel ? `, ${channel} channel` : '';
  return `the bundled catalog: ${project.id} (${project.repository.replace('https://github.com/', '')} at ${project.commit.slice(0, 12)}, ${project.date}${channelNote})`;
}

/**
 * The catalog's kinds as catalog entries for one Gateway API channel. A group/version/kind only the
 * other channel has (a v1alpha2 TCPRoute in a file written for the experimental channel) is
 * checked with that channel's schema rather than not at all: no kind ever mixes the two.
 */
export function catalogEntries(index: CatalogIndex, channel: GatewayChannel = 'standard'): KindEntry[] {
  const projects = new Map(index.projects.map((p) => [p.id, p]));
  const gvk = (k: CatalogKind) => `${k.group}/${k.version}/${k.kind}`;
  const chosen = index.kinds.filter((k) => !k.channels || k.channels.includes(channel));
  const inChosen = new Set(chosen.map(gvk));
  const onlyOther = index.kinds.filter((k) => k.channels && !inChosen.has(gvk(k)));
  return [...chosen, ...onlyOther]
    .map((k) => ({ k, shown: k.channels?.includes(channel) ? channel : k.channels?.[0] }))
    .map(({ k, shown }) => ({
      group: k.group,
      version: k.version,
      kind: k.kind,
      plural: k.plural,
      namespaced: k.namespaced,
      file: bodiesFile(k.project),
      hash: k.hash,
      source: 'catalog' as const,
      origin: describeProject(projects.get(k.project), shown),
      root: k.root,
    }));
}

/** A catalog kind's self-contained schema from its project's bodies. */
export function assembleCatalogKind(kind: { group: string; version: string; kind: string; root: string }, bodies: SchemaBodies): object {
  const root = bodies[kind.root];
  if (!root) throw new Error(`catalog: no body ${kind.root} for ${kind.group}/${kind.version} ${kind.kind}`);
  return assembleKind(kind, root, (name) => (name.startsWith(DEFINITION_PREFIX) ? bodies[name.slice(DEFINITION_PREFIX.length)] : undefined));
}

/**
 * The catalog as the schema catalog reads it (a `CustomSchemaSource`), over the host's way of
 * reading it: files beside the bundle (io/schema-source.ts) or inlined in the browser build
 * (browser/schemas.ts). The index and each project's bodies are read once, when first needed.
 */
export function crdCatalogSource(read: { index(): CatalogIndex; bodies(file: string): SchemaBodies }, precompiled?: (entry: KindEntry) => ValidateFunction | undefined): CustomSchemaSource {
  let index: CatalogIndex | undefined;
  const byChannel = new Map<GatewayChannel, readonly KindEntry[]>();
  const bodies = new Map<string, SchemaBodies>();
  const bodiesOf = (file: string): SchemaBodies => {
    if (!bodies.has(file)) bodies.set(file, read.bodies(file));
    return bodies.get(file)!;
  };
  return {
    kinds: (channel) => {
      const known = GATEWAY_CHANNELS.includes(channel) ? channel : 'standard';
      index ??= read.index();
      if (!byChannel.has(known)) byChannel.set(known, catalogEntries(index, known));
      return byChannel.get(known)!;
    },
    load: (entry) => {
      if (!entry.file || !entry.root) throw new Error(`Kubesight: ${entry.kind} is not a catalog kind`);
      return assembleCatalogKind({ group: entry.group, version: entry.version, kind: entry.kind, root: entry.root }, bodiesOf(entry.file));
    },
    precompiled,
  };
}
