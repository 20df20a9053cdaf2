// The Kustomize build preview, between the language server and the client. Pure data, no LSP types.

/** Request `{ uri }` of a kustomization file → BuildPreview: its in-memory build as YAML. */
export const BUILD_PREVIEW_REQUEST = 'kubesight/buildPreview';

/** The command a kustomization's code lens runs, with the kustomization's URI. */
export const BUILD_PREVIEW_COMMAND = 'kubesight.kustomize.buildPreview';

/** The command that applies a kustomization's build to the cluster (the apply plan: dry runs, diff, one confirmation), with the kustomization's URI. */
export const APPLY_KUSTOMIZATION_COMMAND = 'kubesight.kustomize.apply';

/** The read-only documents the client shows a preview in. */
export const BUILD_PREVIEW_SCHEME = 'kubesight-build';

export interface BuildPreview {
  /** Multi-document YAML, as `kubectl kustomize` prints it (key order aside); comments say what failed or was left out. */
  text: string;
  objects: number;
  error?: string;
  /** What the build left out (remote bases, Helm charts, vars…): the objects are not all of what kustomize would build. */
  notes?: string[];
  /** The rules' findings on the built objects, at the preview's lines (LSP's shape: 0-based lines, UTF-16 columns, severity 1 error … 4 hint). */
  diagnostics?: PreviewDiagnostic[];
}

export interface PreviewDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: 1 | 2 | 3 | 4;
  /** The rule id. */
  code: string;
  message: string;
}

/** Request `{ uri, namespace }` of a manifest file → OverlayObject[]: its objects as an overlay builds them for that namespace (live status of a base). */
export const OVERLAY_OBJECTS_REQUEST = 'kubesight/overlayObjects';

export interface OverlayObject {
  /** The object as the file writes it (the live lens's key). */
  source: { apiVersion: string; kind: string; name: string; namespace: string };
  /** The overlay's folder relative to the folder it shares with the file. */
  overlay: string;
  /** The built object. */
  manifest: Record<string, unknown>;
}
