/**
 * The whole schemas/catalog/ folder from the upstream CRDs (../shared/crds, its index.json and
 * SOURCES.tsv): index.json, one bodies file per project (core/schema/crd-catalog.ts) and each
 * project's license. Every served version is converted by the same code as a workspace CRD
 * (core/schema/crd.ts `kindsOfCrd`). Pure: the caller supplies the reads.
 */
import { parseAllDocuments } from 'yaml';
import type { JsonSchema } from '../server/src/core/schema/openapi';
import { kindsOfCrd } from '../server/src/core/schema/crd';
import { assembleCatalogKind, bodiesFile, DEFINITION_PREFIX, type CatalogIndex, type CatalogKind, type CatalogProject, type GatewayChannel } from '../server/src/core/schema/crd-catalog';
import { compareCodeUnits, type SchemaBodies } from '../server/src/core/schema/schema-store';
import { contentHash } from './schema-folder';

/** The projects the catalog ships (folders of ../shared/crds). */
export const CATALOG_PROJECTS = [
  'gateway-api', 'cert-manager', 'prometheus-operator', 'argo-cd', 'argo-rollouts', 'flux-source-controller', 'flux-kustomize-controller',
  'flux-helm-controller', 'external-secrets', 'sealed-secrets', 'keda', 'traefik', 'istio', 'knative-serving', 'cloudnative-pg', 'strimzi',
];

/** A repeated subtree smaller than this stays inline: a reference would not save much. */
const MIN_SHARED_BYTES = 1024;

export interface CrdSource {
  readText: (relPath: string) => string;
}

interface UpstreamIndex {
  crds: { project: string; file: string }[];
}

/** Output path (relative to schemas/catalog) → file content. */
export function generateCrdCatalog(source: CrdSource): Map<string, string> {
  const upstream = JSON.parse(source.readText('index.json')) as UpstreamIndex;
  const projects = parseSources(source.readText('SOURCES.tsv')).filter((p) => CATALOG_PROJECTS.includes(p.id));
  const out = new Map<string, string>();
  const kinds: CatalogKind[] = [];
  for (const project of projects) {
    const files = [...new Set(upstream.crds.filter((c) => c.project === project.id).map((c) => c.file))].sort(compareCodeUnits);
    const { kinds: projectKinds, bodies } = storeProject(project.id, files.map((f) => ({ file: f, text: source.readText(f) })));
    kinds.push(...projectKinds);
    out.set(bodiesFile(project.id), JSON.stringify(sortKeys(bodies)));
    out.set(`LICENSES/${project.id}.txt`, licenseText(project, source.readText(`${project.id}/LICENSE`)));
  }
  const index: CatalogIndex = { projects, kinds };
  out.set('index.json', JSON.stringify(index));
  return new Map([...out].sort(([a], [b]) => compareCodeUnits(a, b)));
}

function parseSources(tsv: string): CatalogProject[] {
  const [header, ...rows] = tsv.trim().split('\n').map((l) => l.split('\t'));
  const col = (name: string) => header.indexOf(name);
  return rows.map((r) => ({ id: r[col('folder')], repository: r[col('repository')], commit: r[col('commit')], date: r[col('date')], license: r[col('license')] }));
}

function licenseText(project: CatalogProject, license: string): string {
  return `The schemas of ${project.id} in this catalog are generated from the CustomResourceDefinitions of\n${project.repository} at commit ${project.commit} (${project.date}),\ndistributed under the ${project.license} license reproduced below.\n\n${license.trimEnd()}\n`;
}

interface Converted {
  entry: Omit<CatalogKind, 'root' | 'hash'>;
  schema: JsonSchema;
}

/** The Gateway API channel a CRD file belongs to (its folder), undefined for other projects. */
function channelOf(file: string): GatewayChannel | undefined {
  return /\/experimental\//.test(file) ? 'experimental' : /\/standard\//.test(file) ? 'standard' : undefined;
}

function convertFile(project: string, file: string, text: string): Converted[] {
  return parseAllDocuments(text).flatMap((doc) => {
    const value = doc.toJS() as Record<string, unknown> | null;
    if (!value || value.kind !== 'CustomResourceDefinition') return [];
    const name = (value.metadata as { name?: string } | undefined)?.name;
    const channel = channelOf(file);
    return kindsOfCrd(value, name).flatMap((k) =>
      k.schema ? [{ entry: { project, group: k.group, version: k.version, kind: k.kind, plural: k.plural, namespaced: k.namespaced ?? true, ...(channel ? { channels: [channel] } : {}) }, schema: k.schema as JsonSchema }] : [],
    );
  });
}

/** A project's kinds and bodies: roots and repeated subtrees, each once under its hash. */
function storeProject(project: string, files: { file: string; text: string }[]): { kinds: CatalogKind[]; bodies: SchemaBodies } {
  const converted = files.flatMap((f) => convertFile(project, f.file, f.text));
  const counts = new Map<string, number>();
  for (const c of converted) countSubtrees(c.schema, counts, true);
  const bodies: SchemaBodies = {};
  const byKey = new Map<string, CatalogKind>();
  for (const c of converted) {
    const root = shareSubtrees(c.schema, counts, bodies, true);
    const rootHash = contentHash(JSON.stringify(root));
    bodies[rootHash] ??= root;
    const entry = { ...c.entry, root: rootHash, hash: '' };
    entry.hash = contentHash(JSON.stringify(assembleCatalogKind(entry, bodies)));
    // The two Gateway API channels often agree on a kind: one entry names both.
    const key = `${entry.group}/${entry.version}/${entry.kind}/${entry.hash}`;
    const same = byKey.get(key);
    if (same?.channels && entry.channels) same.channels = [...new Set([...same.channels, ...entry.channels])].sort(compareCodeUnits) as GatewayChannel[];
    else if (!same) byKey.set(key, entry);
  }
  return { kinds: [...byKey.values()], bodies };
}

/** Schema positions only: a `default` or `enum` value is data, never replaced by a reference. */
function schemaChildren(node: JsonSchema): [JsonSchema, string | number, JsonSchema][] {
  const out: [JsonSchema, string | number, JsonSchema][] = [];
  const add = (holder: JsonSchema, key: string | number, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) out.push([holder, key, value as JsonSchema]);
  };
  for (const key of ['items', 'additionalProperties', 'not']) add(node, key, node[key]);
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const list = node[key];
    if (Array.isArray(list)) list.forEach((c, i) => add(list as unknown as JsonSchema, i, c));
  }
  const props = node.properties;
  if (props && typeof props === 'object') for (const [k, v] of Object.entries(props)) add(props as JsonSchema, k, v);
  return out;
}

function countSubtrees(node: JsonSchema, counts: Map<string, number>, isRoot: boolean): void {
  if (!isRoot) {
    const text = JSON.stringify(node);
    if (text.length >= MIN_SHARED_BYTES) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  for (const [, , child] of schemaChildren(node)) countSubtrees(child, counts, false);
}

/** A copy of `node` where every repeated large subtree is a `$ref` to its body in `bodies`. */
function shareSubtrees(node: JsonSchema, counts: Map<string, number>, bodies: SchemaBodies, isRoot: boolean): JsonSchema {
  const text = JSON.stringify(node);
  if (!isRoot && (counts.get(text) ?? 0) >= 2) {
    const hash = contentHash(text);
    if (!bodies[hash]) bodies[hash] = withSharedChildren(node, counts, bodies);
    return { $ref: `#/definitions/${DEFINITION_PREFIX}${hash}` };
  }
  return withSharedChildren(node, counts, bodies);
}

function withSharedChildren(node: JsonSchema, counts: Map<string, number>, bodies: SchemaBodies): JsonSchema {
  const copy = structuredClone(node);
  for (const [holder, key, child] of schemaChildren(copy)) (holder as Record<string | number, unknown>)[key] = shareSubtrees(child, counts, bodies, false);
  return copy;
}

function sortKeys(bodies: SchemaBodies): SchemaBodies {
  return Object.fromEntries(Object.entries(bodies).sort(([a], [b]) => compareCodeUnits(a, b)));
}
