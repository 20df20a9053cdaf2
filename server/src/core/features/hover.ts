import { KUSTOMIZE_GROUP } from '../kustomize/schema';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ParsedFile } from '../model/parse';
import { formatPath, type FieldPath } from '../model/path';
import type { KindEntry, SchemaCatalog } from '../schema/catalog';
import { enumValues, schemaAt, typeLabel } from '../schema/navigate';
import { schemaOfDocument } from './schema-context';
import { fieldHistory } from '../schema/version-history';
import { stackNote } from './stack-hover';
import type { Workspace } from '../workspace/workspace';

export interface HoverResult {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

interface Hit {
  path: FieldPath;
  start: number;
  end: number;
}

/** The key or value under the offset, as a field path and the range of the word hovered. */
export function fieldAt(root: Node | null, offset: number): Hit | undefined {
  const path: (string | number)[] = [];
  let node: Node | null = root;
  for (let depth = 0; depth < 200 && node; depth++) {
    if (isMap(node)) {
      const pair = node.items.find((p) => {
        const k = p.key as Node | null;
        const v = p.value as Node | null;
        return (k?.range && offset >= k.range[0] && offset <= k.range[1]) || (v?.range && offset >= v.range[0] && offset <= v.range[1]);
      });
      if (!pair || !isScalar(pair.key)) return undefined;
      path.push(String(pair.key.value));
      const key = pair.key as Node;
      if (key.range && offset <= key.range[1]) return { path, start: key.range[0], end: key.range[1] };
      node = pair.value as Node | null;
    } else if (isSeq(node)) {
      const i = node.items.findIndex((item) => {
        const r = (item as Node | null)?.range;
        return r && offset >= r[0] && offset <= r[1];
      });
      if (i < 0) return undefined;
      path.push(i);
      node = node.items[i] as Node | null;
    } else if (node.range) {
      return { path, start: node.range[0], end: node.range[1] };
    } else return undefined;
  }
  return undefined;
}

/**
 * `targetFrom`: where the target Kubernetes version (the catalog's) came from, in words
 * (features/target-version.ts); hover names the version and, given this, its source.
 */
export function hover(file: ParsedFile, offset: number, catalog: SchemaCatalog, workspace?: Workspace, targetFrom?: string): HoverResult | undefined {
  if (file.skipped) return undefined;
  const document = file.documents.find((d) => offset >= d.start && offset <= d.end);
  const schema = schemaOfDocument(document, catalog);
  if (!document || !schema) return undefined;
  const hit = fieldAt(document.doc.contents as Node | null, offset);
  if (!hit || hit.path.length === 0) return undefined;
  // Hovering a list item describes the list's item type.
  const path = typeof hit.path[hit.path.length - 1] === 'number' ? hit.path.slice(0, -1) : hit.path;
  const target = `Kubernetes ${catalog.kubernetesVersion}${targetFrom ? ` (${targetFrom})` : ''}`;
  const field = schemaAt(schema.root, path);
  if (!field) return otherReleaseHover(catalog, schema.entry, path, hit, target);
  const lines = [`**${formatPath(path)}**: \`${typeLabel(schema.root, field)}\`${field.required ? ' — *required*' : ''}`, ''];
  if (field.description) lines.push(field.description, '');
  const values = enumValues(field);
  if (values.length > 0 && field.schema.type !== 'boolean') lines.push(`Allowed values: ${values.map((v) => `\`${v}\``).join(', ')}`, '');
  if (field.schema.default !== undefined && !(typeof field.schema.default === 'object')) lines.push(`Default: \`${JSON.stringify(field.schema.default)}\``, '');
  lines.push(schemaSourceLine(schema.entry) ?? `[${schema.entry.kind} API reference](${referenceUrl(schema.entry, catalog.kubernetesVersion)}) · ${target}`);
  const stack = stackNote(file, offset, hit.path, workspace);
  if (stack) lines.push('', stack);
  return { contents: lines.join('\n'), start: hit.start, end: hit.end };
}

/** A field the target's schema lacks but another bundled release has: say which. */
function otherReleaseHover(catalog: SchemaCatalog, entry: KindEntry, path: FieldPath, hit: Hit, target: string): HoverResult | undefined {
  if (entry.source !== 'builtin') return undefined;
  const { addedIn, lastIn } = fieldHistory(catalog, entry, path);
  if (!addedIn && !lastIn) return undefined;
  const when = addedIn ? `added in Kubernetes ${addedIn}` : `removed after Kubernetes ${lastIn}`;
  return { contents: `**${formatPath(path)}**: not a field in ${target}: ${when}`, start: hit.start, end: hit.end };
}

/** Which source checked a custom resource: the workspace CRD, the cluster or the bundled catalog. */
export function schemaSourceLine(entry: KindEntry): string | undefined {
  if (entry.source === 'catalog' || entry.source === 'cluster') return `Schema from ${entry.origin ?? (entry.source === 'catalog' ? 'the bundled catalog' : 'the cluster')}`;
  // Kustomize's own kinds carry their schema like a CRD but link kustomize's reference instead.
  if (entry.source !== 'crd' || entry.group === KUSTOMIZE_GROUP) return undefined;
  const crd = (entry.schema as Record<string, unknown> | undefined)?.['x-kubesight-crd'];
  const file = entry.origin ? ` in ${entry.origin.split('/').slice(-2).join('/')}` : '';
  return `Schema from the CustomResourceDefinition ${typeof crd === 'string' ? crd : ''}${file} of the workspace`.replace('  ', ' ');
}

/** kubernetes.io's generated API reference for the kind (one page per release, one anchor per kind). */
export function referenceUrl(entry: KindEntry, kubernetesVersion = '1.35'): string {
  if (entry.group === KUSTOMIZE_GROUP) return `https://kubectl.docs.kubernetes.io/references/kustomize/${entry.kind.toLowerCase()}/`;
  const group = entry.group === '' ? 'core' : entry.group.split('.')[0];
  return `https://kubernetes.io/docs/reference/generated/kubernetes-api/v${kubernetesVersion}/#${entry.kind.toLowerCase()}-${entry.version}-${group}`;
}
