// Apply a kustomization: the objects of its in-memory build (the language server's, as the build
// preview shows it) go through the same apply plan as a file — server-side dry runs first, the
// diff, one confirmation. Only a complete build is applied: one that failed or left parts out
// (remote bases, Helm charts) is refused, since its objects are not what kustomize would apply.
import type { BuildPreview, OverlayObject } from '../../../server/src/shared/kustomize-protocol';
import { manifestsOf } from './manifests';

type Obj = Record<string, unknown>;

/** The build's objects to plan, or why the kustomization is not applied. */
export function buildManifests(preview: BuildPreview, title: string): { manifests: Obj[] } | { refused: string } {
  if (preview.error) return { refused: `${title} does not build: ${preview.error}` };
  if (preview.notes?.length) return { refused: `${title} is not applied: its build leaves parts out (${preview.notes.join('; ')}). Use kustomize build with kubectl apply for it.` };
  const manifests = manifestsOf(preview.text) as Obj[];
  if (manifests.length === 0) return { refused: `${title} builds no Kubernetes objects.` };
  return { manifests };
}

/**
 * The objects the live lenses of a base ask the cluster about: each object an overlay builds for
 * the active namespace (the server's `kubesight/overlayObjects`) in place of the file's own, with
 * the overlay's name; the others as the file writes them.
 */
export function overlayManifests(manifests: readonly Obj[], overlays: readonly OverlayObject[]): { manifest: Obj; overlay?: string }[] {
  return manifests.map((m) => {
    const metadata = (m.metadata ?? {}) as Obj;
    const found = overlays.find((o) => o.source.apiVersion === m.apiVersion && o.source.kind === m.kind && o.source.name === (metadata.name ?? '') && o.source.namespace === (metadata.namespace ?? ''));
    return found ? { manifest: found.manifest, overlay: found.overlay } : { manifest: m };
  });
}
