// Live status above each object of an open manifest (CodeLens), drift marks on the lines whose
// live value differs, and "why isn't it ready?" on hover of the `kind` line. Computed after open
// and save (and on demand), cached per document version, never while typing.
import { CodeLens, EventEmitter, Hover, MarkdownString, Range, ThemeColor, window, workspace, type CancellationToken, type CodeLensProvider, type HoverProvider, type Position, type TextDocument, type TextEditorDecorationType } from 'vscode';
import { Discovery } from '../cluster/discovery';
import { liveStates, type LiveState } from '../cluster/live-status';
import { whyNotReady } from '../cluster/readiness';
import { lineOfPath, locateManifests, type LocatedText } from '../cluster/yaml-locations';
import type { ClusterState } from './cluster-state';
import { overlayManifests } from '../cluster/kustomize-apply';
import type { OverlayObject } from '../../../server/src/shared/kustomize-protocol';

/** A base file's objects as an overlay builds them for a namespace (from the language server). */
export type OverlayObjects = (uri: string, namespace: string) => Promise<OverlayObject[]>;

const ICON = { healthy: '$(pass-filled)', progressing: '$(sync)', failed: '$(error)', unknown: '$(circle-outline)' } as const;
const keyOf = (m: Record<string, any>) => `${m.apiVersion}/${m.kind}/${m.metadata?.namespace ?? ''}/${m.metadata?.name ?? ''}`; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Entry {
  version: number;
  located: LocatedText;
  states: Map<string, LiveState>;
  /** The overlay whose built object a state is of (a base's object in the active namespace). */
  overlays: Map<string, string>;
  why: Map<string, string>;
  loading: boolean;
  /** Aborted when a newer refresh of the document (or refreshAll) supersedes this one. */
  cancel: AbortController;
}

/** At most this many objects of a file get a live lens. */
const MAX_OBJECTS = 50;

export class LiveLenses implements CodeLensProvider, HoverProvider {
  private readonly changed = new EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly entries = new Map<string, Entry>();
  private readonly drift: TextEditorDecorationType = window.createTextEditorDecorationType({
    after: { color: new ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
    overviewRulerColor: new ThemeColor('editorOverviewRuler.modifiedForeground'),
    isWholeLine: true,
  });

  constructor(private readonly state: ClusterState, private readonly overlayObjects?: OverlayObjects) {}

  private get active(): boolean {
    return this.state.enabled && this.state.trusted && !!this.state.activeContext;
  }

  provideCodeLenses(doc: TextDocument): CodeLens[] {
    if (!this.active || doc.uri.scheme !== 'file') return [];
    const entry = this.entries.get(doc.uri.toString());
    if (!entry) {
      void this.refresh(doc);
      return [];
    }
    if (entry.version !== doc.version) {
      // Typing: keep the last live states, placed on the current lines (no cluster call).
      entry.located = locateManifests(doc.getText());
      entry.version = doc.version;
    }
    return entry.located.manifests.flatMap(({ manifest, kindLine }) => {
      const range = new Range(kindLine, 0, kindLine, 0);
      const s = entry.states.get(keyOf(manifest));
      if (!s) return [new CodeLens(range, { title: entry.loading ? '$(sync~spin) checking the cluster…' : '$(circle-slash) no live status', command: '' })];
      const args = [doc.uri, keyOf(manifest)];
      const overlay = entry.overlays.get(keyOf(manifest));
      const lenses = [new CodeLens(range, { title: `${ICON[s.status?.health ?? 'unknown']} ${s.text}${overlay ? ` · ${overlay}` : ''}`, tooltip: `${this.state.activeContext}: ${s.plan.label}${overlay ? ` (as overlay ${overlay} builds it)` : ''}`, command: s.plan.live ? 'kubesight.live.open' : '', arguments: args })];
      if (s.plan.outcome === 'update') lenses.push(new CodeLens(range, { title: 'diff', command: 'kubesight.live.diff', arguments: args }));
      if (s.plan.outcome === 'update' || s.plan.outcome === 'create') lenses.push(new CodeLens(range, { title: 'apply', command: 'kubesight.live.apply', arguments: args }));
      if (s.plan.outcome === 'immutable') lenses.push(new CodeLens(range, { title: 'recreate…', command: 'kubesight.live.recreate', arguments: args }));
      if (s.plan.live && ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'Pod'].includes(String(manifest.kind))) lenses.push(new CodeLens(range, { title: 'logs', command: 'kubesight.live.logs', arguments: args }));
      return lenses;
    });
  }

  /** The cached live state of one object of a document (for the lens commands). */
  stateOf(uri: string, key: string): LiveState | undefined {
    return this.entries.get(uri)?.states.get(key);
  }

  async refresh(doc: TextDocument): Promise<void> {
    if (!this.active || doc.languageId !== 'yaml' || doc.uri.scheme !== 'file' || doc.getText().includes('{{')) return;
    const located = locateManifests(doc.getText());
    const uri = doc.uri.toString();
    this.entries.get(uri)?.cancel.abort();
    const entry: Entry = { version: doc.version, located, states: new Map(), overlays: new Map(), why: new Map(), loading: true, cancel: new AbortController() };
    this.entries.set(uri, entry);
    this.changed.fire();
    try {
      const conn = this.state.connect();
      const manifests = located.manifests.slice(0, MAX_OBJECTS).map((m) => m.manifest);
      const namespace = this.state.activeNamespace || 'default';
      // A base's objects are applied as an overlay builds them: its object for the active namespace is the live one.
      const overlays = (await this.overlayObjects?.(uri, namespace).catch(() => [])) ?? [];
      const asked = overlayManifests(manifests, overlays);
      // Six objects at a time (CLUSTER_CONCURRENCY, cluster/concurrency.ts says why).
      const states = await liveStates(conn, new Discovery(conn), asked.map((a) => a.manifest), namespace, { signal: entry.cancel.signal });
      // An object without a state (unreachable cluster) gets no lens; the tree says why.
      manifests.forEach((manifest, i) => {
        const s = states[i];
        if (s) entry.states.set(keyOf(manifest), s);
        const overlay = asked[i].overlay;
        if (overlay) entry.overlays.set(keyOf(manifest), overlay);
      });
    } catch {
      // no connection (untrusted, consent missing), or superseded: no lenses from this refresh
    }
    if (this.entries.get(uri) !== entry) return; // a newer refresh owns the lenses now
    entry.loading = false;
    this.changed.fire();
    this.decorate(doc, entry);
  }

  private decorate(doc: TextDocument, entry: Entry): void {
    const editor = window.visibleTextEditors.find((e) => e.document.uri.toString() === doc.uri.toString());
    if (!editor) return;
    const marks = entry.located.manifests.flatMap(({ manifest, doc: yamlDoc }) =>
      (entry.states.get(keyOf(manifest))?.plan.changes ?? []).flatMap((c) => {
        const line = lineOfPath(entry.located, yamlDoc, c.segments);
        const live = typeof c.before === 'object' ? JSON.stringify(c.before) : String(c.before);
        return line === undefined ? [] : [{ range: new Range(line, 0, line, 0), renderOptions: { after: { contentText: `live: ${live.length > 60 ? `${live.slice(0, 57)}…` : live}` } }, hoverMessage: `Differs from the live object in ${this.state.activeContext}: \`${c.path}\` is \`${live}\` there.` }];
      }),
    );
    editor.setDecorations(this.drift, marks);
  }

  async provideHover(doc: TextDocument, position: Position, token: CancellationToken): Promise<Hover | undefined> {
    const entry = this.entries.get(doc.uri.toString());
    const located = entry?.located.manifests.find((m) => m.kindLine === position.line);
    const s = located && entry?.states.get(keyOf(located.manifest));
    if (!entry || !located || !s?.plan.live || s.status?.health === 'healthy') return undefined;
    const key = keyOf(located.manifest);
    let text = entry.why.get(key);
    if (!text) {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      text = await whyNotReady(this.state.connect(), { ...s.plan.live, kind: located.manifest.kind }, controller.signal);
      entry.why.set(key, text);
    }
    return new Hover(new MarkdownString(`**Why isn't it ready?** (${this.state.activeContext})\n\n${text}`));
  }

  refreshAll(): void {
    for (const entry of this.entries.values()) entry.cancel.abort();
    this.entries.clear();
    for (const doc of workspace.textDocuments) if (doc.languageId === 'yaml') void this.refresh(doc);
    if (!this.active) this.changed.fire();
  }

  dispose(): void {
    for (const entry of this.entries.values()) entry.cancel.abort();
    this.drift.dispose();
  }
}
