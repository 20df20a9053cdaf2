import { complete } from '../core/features/completion';
import { hover } from '../core/features/hover';
import { referenceHover } from '../core/features/reference-hover';
import { documentSymbols } from '../core/features/symbols';
import { TARGET_VERSION_REQUEST, type TargetVersionInfo } from '../shared/target-protocol';
import type { ServerContext } from './context';
import { toCompletionItem, toDocumentSymbol, toHover } from './convert';
import type { KustomizeEditor } from './kustomize';
// Bundled by esbuild: the same snippets VS Code contributes, offered at the start of an empty document.
import SNIPPETS from '../../../snippets/kubernetes.json';

/** Completion, hover, document symbols and the target version, over the current snapshot. */
export function registerFeatures(ctx: ServerContext, kustomize: KustomizeEditor): void {
  const { connection, state, safe } = ctx;
  connection.onCompletion((params) =>
    safe('completion', [], () => {
      const uri = params.textDocument.uri;
      const file = state.workspace.file(uri)?.parsed;
      if (!file) return [];
      const offset = file.lines.offsetAt(params.position);
      const entries = kustomize.completion(state.workspace, uri, offset) ?? complete(file, offset, state.catalogFor(uri), state.workspace, SNIPPETS);
      return entries.map((e) => toCompletionItem(file.lines, e));
    }),
  );

  connection.onHover((params) =>
    safe('hover', null, () => {
      const uri = params.textDocument.uri;
      const file = state.workspace.file(uri)?.parsed;
      if (!file) return null;
      const offset = file.lines.offsetAt(params.position);
      const target = state.targetOf(uri);
      const found = referenceHover(state.workspace, uri, offset) ?? hover(file, offset, state.catalogFor(uri, target), state.workspace, target.from);
      const result = kustomize.withOverlayValues(state.workspace, uri, offset, found);
      return result ? toHover(file.lines, result) : null;
    }),
  );

  connection.onDocumentSymbol((params) =>
    safe('symbols', [], () => {
      const file = state.workspace.file(params.textDocument.uri)?.parsed;
      return file ? documentSymbols(file).map((s) => toDocumentSymbol(file.lines, s)) : [];
    }),
  );

  connection.onRequest(TARGET_VERSION_REQUEST, (params: unknown): TargetVersionInfo =>
    safe('target version', { version: state.versions.newest, from: 'the newest bundled version' }, () => {
      const uri = params && typeof params === 'object' && typeof (params as { uri?: unknown }).uri === 'string' ? (params as { uri: string }).uri : '';
      return state.targetOf(uri);
    }),
  );
}
