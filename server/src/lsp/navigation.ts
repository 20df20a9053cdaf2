import { SymbolKind, type Connection, type Location, type SymbolInformation, type WorkspaceEdit } from 'vscode-languageserver';
import { workspaceSymbols } from '../core/features/symbols';
import { definitionAt, referencesAt, renameAt, renameRangeAt, type Location as CoreLocation } from '../core/features/navigation';
import type { Workspace } from '../core/workspace/workspace';
import { kustomizePathDefinition } from '../core/features/kustomize-navigation';
import { toRange } from './convert';

type Safe = <T>(name: string, fallback: T, run: () => T) => T;
/** A definition answered from elsewhere (a patch's targets, from the Kustomize builds) when the workspace's references give none. */
export type ExtraDefinition = (workspace: Workspace, uri: string, offset: number) => CoreLocation[] | undefined;

/** Definition, references and rename over the workspace snapshot. */
export function registerNavigation(connection: Connection, workspace: () => Workspace, safe: Safe, extraDefinition?: ExtraDefinition): void {
  const toLocation = (ws: Workspace, l: CoreLocation): Location | undefined => {
    const lines = ws.file(l.uri)?.parsed.lines;
    // A file outside the snapshot (a kustomization's generator source, an unscanned file) opens at its start.
    if (!lines) return l.start === 0 && l.end === 0 ? { uri: l.uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } : undefined;
    return { uri: l.uri, range: toRange(lines, l.start, l.end) };
  };
  const offsetOf = (ws: Workspace, uri: string, position: { line: number; character: number }) => ws.file(uri)?.parsed.lines.offsetAt(position);

  connection.onDefinition((params) =>
    safe('definition', [] as Location[], () => {
      const ws = workspace();
      const offset = offsetOf(ws, params.textDocument.uri, params.position);
      if (offset === undefined) return [];
      const uri = params.textDocument.uri;
      const references = () => { const at = definitionAt(ws, uri, offset); return at.length > 0 ? at : undefined; };
      const found = kustomizePathDefinition(ws, uri, offset) ?? references() ?? extraDefinition?.(ws, uri, offset) ?? [];
      return found.map((l) => toLocation(ws, l)).filter((l): l is Location => !!l);
    }),
  );

  connection.onReferences((params) =>
    safe('references', [] as Location[], () => {
      const ws = workspace();
      const offset = offsetOf(ws, params.textDocument.uri, params.position);
      if (offset === undefined) return [];
      return referencesAt(ws, params.textDocument.uri, offset, params.context.includeDeclaration).map((l) => toLocation(ws, l)).filter((l): l is Location => !!l);
    }),
  );

  connection.onWorkspaceSymbol((params) =>
    safe('workspace symbols', [] as SymbolInformation[], () => {
      const ws = workspace();
      return workspaceSymbols(ws, params.query).flatMap((s) => {
        const lines = ws.file(s.uri)?.parsed.lines;
        return lines ? [{ name: s.name, kind: SymbolKind.Class, containerName: s.detail || undefined, location: { uri: s.uri, range: toRange(lines, s.start, s.end) } }] : [];
      });
    }),
  );

  connection.onPrepareRename((params) =>
    safe('prepare rename', null, () => {
      const ws = workspace();
      const offset = offsetOf(ws, params.textDocument.uri, params.position);
      const range = offset === undefined ? undefined : renameRangeAt(ws, params.textDocument.uri, offset);
      const lines = ws.file(params.textDocument.uri)?.parsed.lines;
      return range && lines ? toRange(lines, range.start, range.end) : null;
    }),
  );

  connection.onRenameRequest((params) =>
    safe('rename', null as WorkspaceEdit | null, () => {
      const ws = workspace();
      const offset = offsetOf(ws, params.textDocument.uri, params.position);
      const edits = offset === undefined ? undefined : renameAt(ws, params.textDocument.uri, offset, params.newName);
      if (!edits) return null;
      const changes: WorkspaceEdit['changes'] = {};
      for (const [uri, list] of edits) {
        const lines = ws.file(uri)?.parsed.lines;
        if (lines) changes[uri] = list.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText }));
      }
      return { changes };
    }),
  );
}
