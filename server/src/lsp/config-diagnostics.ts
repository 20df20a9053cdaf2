import type { Diagnostic } from 'vscode-languageserver';
import type { Config } from '../core/config';
import { diagnoseConfigFile } from '../core/features/diagnostics';
import { parseFile } from '../core/model/parse';
import { readFolderConfigFile } from '../io/config-file';
import { toDiagnostic } from './convert';

/**
 * Diagnostics of the workspace folders' `.kubesight.yaml` files that are not open: a broken or
 * mistyped configuration is visible in the Problems view without opening it (an open one is
 * published like any document). Each folder's own file only; an error reading it is no diagnostic.
 */
export function configFileDiagnostics(folders: readonly string[], isOpen: (uri: string) => boolean, configFor: (uri: string) => Config, bundledVersions: readonly string[]): { uri: string; diagnostics: Diagnostic[] }[] {
  return folders.flatMap((folder) => {
    const file = readFolderConfigFile(folder);
    if (!file || isOpen(file.uri)) return [];
    const parsed = parseFile(file.text);
    return [{ uri: file.uri, diagnostics: diagnoseConfigFile(parsed, configFor(file.uri), bundledVersions).map((f) => toDiagnostic(parsed.lines, f)) }];
  });
}
