import type { Connection } from 'vscode-languageserver';
import type { TargetVersion } from '../core/features/target-version';
import { tooLargeFinding } from '../core/features/unanalysed';
import { LineIndex } from '../core/model/line-index';
import { TARGET_VERSION_CHANGED_NOTIFICATION } from '../shared/target-protocol';
import { configFileDiagnostics } from './config-diagnostics';
import type { Safe } from './context';
import { toDiagnostic } from './convert';
import type { ServerState } from './state';

/** An empty text's lines: a file that is not analysed gets its one finding at its start. */
const NO_LINES = new LineIndex('');

/** What the server sends on its own: diagnostics, the target-version messages and change notices. */
export class Publisher {
  /** A version that is not bundled, or a cluster outside the bundled range, is said once per session. */
  private readonly told = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly state: ServerState,
    private readonly safe: Safe,
  ) {}

  /** Publishes the diagnostics of an open document, at its current version. */
  publish(uri: string): void {
    this.safe('diagnostics', undefined, () => {
      const doc = this.state.store.open.get(uri);
      if (!doc) return;
      if (this.state.store.isTooLarge(uri)) return void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: [toDiagnostic(NO_LINES, tooLargeFinding())] });
      const result = this.state.diagnose(uri);
      if (!result) return;
      this.tellOnce(result.target);
      this.state.published.set(uri, result);
      void this.connection.sendDiagnostics({ uri, version: doc.version, diagnostics: result.findings.map((f) => toDiagnostic(result.lines, f)) });
    });
  }

  /** A closed document's diagnostics go with it. */
  clear(uri: string): void {
    this.state.published.delete(uri);
    this.state.workspaceCache.forget(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** The diagnostics of the folders' `.kubesight.yaml` files that are not open. */
  publishConfigFiles(): void {
    this.safe('configuration diagnostics', undefined, () => {
      const { store, config, folders, versions } = this.state;
      const isOpen = (uri: string) => store.open.get(uri) !== undefined;
      for (const p of configFileDiagnostics(folders, isOpen, (uri) => config.forUri(uri), versions.versions)) void this.connection.sendDiagnostics(p);
    });
  }

  /** Tells the client that a file's target version may have changed (its status bar asks again). */
  targetsChanged(): void {
    void this.connection.sendNotification(TARGET_VERSION_CHANGED_NOTIFICATION).catch(() => undefined);
  }

  /** The file is checked against the nearest bundled version meanwhile, never silently. */
  private tellOnce(target: TargetVersion): void {
    const text = target.problem ?? target.note;
    if (!text || this.told.has(text)) return;
    this.told.add(text);
    this.connection.console.info(`kubesight: ${text}`);
    void (target.problem ? this.connection.window.showErrorMessage(`Kubesight: ${text}; checking against ${target.version}.`) : this.connection.window.showInformationMessage(`Kubesight: ${text}.`));
  }
}
