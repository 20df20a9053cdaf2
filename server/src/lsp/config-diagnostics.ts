import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver';
import type { Config } from '../core/config';
import { diagnoseConfigFile } from '../core/features/diagnostics';
import { parseFile } from '../core/model/parse';
import { CONFIG_NAME } from '../io/config-file';
import { toDiagnostic } from './convert';

/**
 * Diagnostics of the workspace folders' `.kubesight.yaml` files that are not open: a broken or
 * mistyped configuration is visible in the Problems view without opening it (an open one is
 * published like any document). Each folder's own file only; an error reading it is no diagnostic.
 */
export function configFileDiagnostics(folders: readonly string[], isOpen: (uri: string) => boolean, configFor: (uri: string) => Config, bundledVersions: readonly string[]): { uri: string; diagnostics: Diagnostic[] }[] {
  return folders.flatMap((folder) => {
    if (!folder.startsWith('file:')) return [];
    const path = join(fileURLToPath(folder), CONFIG_NAME);
    const uri = pathToFileURL(path).href;
    if (isOpen(uri) || !existsSync(path)) return [];
    let text: string;
    try {
      text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
    } catch {
      return [];
    }
    const parsed = parseFile(text);
    return [{ uri, diagnostics: diagnoseConfigFile(parsed, configFor(uri), bundledVersions).map((f) => toDiagnostic(parsed.lines, f)) }];
  });
}
