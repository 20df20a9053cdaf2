import type { ParsedFile } from '../model/parse';
import type { Resource } from '../model/resource';
import { entryNode, readKustomization, type GeneratorEntry, type Kustomization, type PatchEntry } from '../kustomize/kustomization';
import { comparableUri } from '../kustomize/uri-path';
import { imageNameOf } from '../k8s/image-ref';
import type { IndexedObject } from './indexed-object';
import { skaffoldImages } from './skaffold';

/** What one file tells about the tools that build the manifests (kept per file, like its objects). */
export interface FileTools {
  kustomization?: Kustomization;
  /** Images a skaffold config in the file builds. */
  skaffoldImages: string[];
}

export function fileToolsOf(uri: string, parsed: ParsedFile): FileTools | undefined {
  const kustomization = readKustomization(uri, parsed.documents);
  const images = skaffoldImages(parsed.documents);
  return kustomization || images.length > 0 ? { kustomization, skaffoldImages: images } : undefined;
}

/**
 * What other files can see of a file's tools: when it changes (a patch listed or dropped, an image
 * override, a generator), other files' findings may change.
 */
export function toolsSummary(tools: FileTools | undefined): string {
  if (!tools) return '';
  const k = tools.kustomization;
  const generators = k ? [...k.configMapGenerator, ...k.secretGenerator].map((g) => [g.name, g.namespace, g.behavior, g.keys]) : [];
  return JSON.stringify([tools.skaffoldImages, k?.namespace, k?.patches.map((p) => p.file?.resolved), k?.images.map((i) => [i.name, i.newTag, i.digest]), generators]);
}

/**
 * What the build tools do to one file's objects, as far as single-object rules must know: whether
 * the file is a patch (a partial object: required fields and whole-object rules do not apply), and
 * which images a tool tags. Findings of document rules depend on it, so `key` is part of their
 * cache key ('' when no tool touches the file).
 */
export interface ToolContext {
  /** The kustomization entry that lists this file as a patch. */
  patchOf?: PatchEntry;
  /** Image names (without tag) whose tag a kustomization's `images:` or skaffold sets. */
  imagesSetByTools: ReadonlySet<string>;
  key: string;
}

export const NO_TOOLS: ToolContext = { imagesSetByTools: new Set(), key: '' };

/**
 * The build tools of one workspace snapshot (Kustomize kustomizations, skaffold configs): the
 * patch files they list, the images they tag, the ConfigMaps and Secrets they generate. Built once
 * per snapshot from the files' `tools`.
 */
export class BuildTools {
  readonly kustomizations: readonly Kustomization[];
  private readonly patches = new Map<string, PatchEntry>();
  private readonly images: ReadonlySet<string>;
  private readonly imagesKey: string;

  constructor(files: Iterable<{ tools?: FileTools }>) {
    const kustomizations: Kustomization[] = [];
    const images = new Set<string>();
    for (const f of files) {
      if (!f.tools) continue;
      for (const image of f.tools.skaffoldImages) images.add(imageNameOf(image));
      const k = f.tools.kustomization;
      if (!k) continue;
      kustomizations.push(k);
      for (const p of k.patches) if (p.file?.resolved && !this.patches.has(p.file.resolved)) this.patches.set(p.file.resolved, p);
      // An override that leaves the tag alone (only `newName`) or sets `latest` does not pin the image.
      for (const i of k.images) if ((i.newTag && i.newTag !== 'latest') || i.digest) images.add(imageNameOf(i.name));
    }
    this.kustomizations = kustomizations;
    this.images = images;
    this.imagesKey = [...images].sort().join(',');
  }

  /** The kustomization entry listing this file as a patch, if any. */
  patchOf(uri: string): PatchEntry | undefined {
    return this.patches.size === 0 ? undefined : this.patches.get(comparableUri(uri));
  }

  contextFor(uri: string): ToolContext {
    const patchOf = this.patchOf(uri);
    if (!patchOf && this.images.size === 0) return NO_TOOLS;
    return { patchOf, imagesSetByTools: this.images, key: `${patchOf ? 'patch' : ''}|${this.imagesKey}` };
  }

  /** The ConfigMaps and Secrets the kustomizations generate, as index objects located at their generator entries. */
  generatedObjects(): IndexedObject[] {
    return this.kustomizations.flatMap((k) => [
      ...k.configMapGenerator.flatMap((e) => generated(k, e, 'ConfigMap')),
      ...k.secretGenerator.flatMap((e) => generated(k, e, 'Secret')),
    ]);
  }
}

function generated(k: Kustomization, entry: GeneratorEntry, kind: 'ConfigMap' | 'Secret'): IndexedObject[] {
  const node = entryNode(k, entry.at);
  if (!node) return [];
  // The resources of a kustomization are indexed as written (the kustomization's `namespace` is
  // not applied to them yet: issue 18 builds overlays), so a generated object answers both in the
  // kustomization's namespace and where its unnamespaced neighbours look for it.
  const namespaces = entry.namespace ? [entry.namespace] : [...new Set([k.namespace ?? 'default', 'default'])];
  // `behavior: merge` adds keys to a generator of a base: its own keys are not all the keys.
  const keys = entry.keys && entry.behavior !== 'merge' ? new Set(entry.keys) : undefined;
  return namespaces.map((namespace) => {
    const resource: Resource = {
      document: k.document, node, basePath: entry.at, apiVersion: 'v1', group: '', version: 'v1', kind, name: entry.name, namespace,
      value: { apiVersion: 'v1', kind, metadata: { name: entry.name, namespace } },
    };
    return { uri: k.uri, resource, group: '', kind, name: entry.name, namespace, labels: {}, containerPorts: [], dataKeys: keys, generatedBy: kind === 'ConfigMap' ? 'configMapGenerator' : 'secretGenerator' };
  });
}
