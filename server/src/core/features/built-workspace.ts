import type { Config } from '../config';
import type { Finding } from '../findings';
import type { ParsedDocument } from '../model/parse';
import type { RootBuild } from '../kustomize/roots';
import type { SchemaCatalog } from '../schema/catalog';
import { encodeManifest } from '../../shared/manifest-yaml';
import type { MadeDocuments } from '../model/parse';
import { valueText, type ValueText } from '../model/value-document';
import { changedBuildTools, changedObjects, dependsOnChanged, linkedObjects } from '../workspace/dependents';
import type { IndexedObject } from '../workspace/indexed-object';
import type { Workspace } from '../workspace/workspace';
import type { KeptFindings } from './diagnostics';

/**
 * The *built workspace* the rules check the builds in (build-diagnostics.ts), kept between views
 * so that an edit costs what it changed (issue 18 part 7):
 * - it is updated from the previous one: the workspace's changed files copied, each build's
 *   virtual file given its new text, so only the documents whose built object changed are parsed
 *   again (parseFile reuses the others);
 * - a built object's YAML is kept by its JSON: twenty overlays of one base encode each object of
 *   theirs once, and an edit re-encodes only what it changed;
 * - the workspace-rule findings of a virtual document are kept while it is reused and none of
 *   the objects that changed is linked to its objects (`dependsOnChanged`, the rule the editor
 *   uses to re-check other files); document-rule findings come from the FindingsCache by text.
 * Owned by the host's BuildDiagnostics.
 */
export interface VirtualBuild {
  build: RootBuild;
  uri: string;
  text: string;
  /** Offset of each object's document in `text`, in the order of `build.result.resources`. */
  starts: number[];
}

export interface BuiltView {
  built: Workspace;
  virtual: VirtualBuild[];
  /** The workspace-rule findings to reuse and keep for the documents of the virtual files. */
  kept: KeptFindings;
}

interface Last {
  real: Workspace;
  built: Workspace;
  emptied: ReadonlySet<string>;
  virtual: readonly string[];
}

export class BuiltWorkspaces {
  private last: Last | undefined;
  private texts = new Map<string, Encoded>();
  private oldTexts = new Map<string, Encoded>();
  /** The same by value: a build made from its previous one keeps most of its objects (kustomize/rebuild.ts), and a finished build's values are never changed. */
  private byValue = new WeakMap<object, Encoded>();
  private oldByValue = new WeakMap<object, Encoded>();
  /** The objects of this view written by valueText, by text: their documents are made, not parsed. */
  private made = new Map<string, ValueText>();
  /** Workspace-rule findings by document (its `value` holder, shared by the moved copies of a reused document), offsets relative to its chunk. */
  private findings = new WeakMap<object, readonly Finding[]>();
  private judged: { catalog: SchemaCatalog; configs: string } | undefined;
  /** How many virtual documents had their workspace rules run (tests read it). */
  checkedDocuments = 0;

  /** The built workspace for `workspace` with the files the builds read emptied (`emptied`) and each build's virtual file. */
  update(workspace: Workspace, builds: readonly RootBuild[], emptied: ReadonlySet<string>, catalog: SchemaCatalog, configOf: (build: RootBuild) => Config): BuiltView {
    this.oldTexts = this.texts;
    this.texts = new Map();
    this.oldByValue = this.byValue;
    this.byValue = new WeakMap();
    this.made = new Map();
    const virtual = builds.filter((b) => b.result.resources.length > 0).map((b) => this.virtualBuild(b));
    const configs = JSON.stringify(virtual.map((v) => configOf(v.build)));
    const last = this.last;
    const incremental = !!last && last.real.complete === workspace.complete && last.real.cluster === workspace.cluster && this.judged?.catalog === catalog && this.judged.configs === configs;
    if (!incremental) this.findings = new WeakMap();
    this.judged = { catalog, configs };
    const made = this.madeDocuments();
    const { built, changed } = incremental ? updated(last!, workspace, emptied, virtual, made) : { built: fresh(workspace, emptied, virtual, made), changed: 'all' as const };
    this.last = { real: workspace, built, emptied, virtual: virtual.map((v) => v.uri) };
    return { built, virtual, kept: this.keptFindings(built, virtual, changed) };
  }

  private keptFindings(built: Workspace, virtual: readonly VirtualBuild[], changed: readonly IndexedObject[] | 'all'): KeptFindings {
    const depends = changed === 'all' ? () => true : dependsOnChanged(changed);
    let objectsOf: Map<ParsedDocument, IndexedObject[]> | undefined;
    const linked = (document: ParsedDocument) => {
      if (!objectsOf) {
        objectsOf = new Map();
        for (const o of virtual.flatMap((v) => built.file(v.uri)?.objects ?? [])) objectsOf.set(o.resource.document, [...(objectsOf.get(o.resource.document) ?? []), o]);
      }
      return (objectsOf.get(document) ?? []).some(depends);
    };
    return {
      get: (document) => {
        const kept = changed === 'all' ? undefined : this.findings.get(document.value);
        if (!kept || linked(document)) return undefined;
        return kept.map((f) => ({ ...f, start: f.start + document.chunkStart, end: f.end + document.chunkStart }));
      },
      set: (document, found) => {
        this.checkedDocuments++;
        this.findings.set(document.value, found.map((f) => ({ ...f, start: f.start - document.chunkStart, end: f.end - document.chunkStart })));
      },
    };
  }

  private virtualBuild(build: RootBuild): VirtualBuild {
    const starts: number[] = [];
    let text = '';
    for (const r of build.result.resources) {
      if (text !== '') text += SEPARATOR;
      starts.push(text.length);
      text += this.encoded(r.value);
    }
    return { build, uri: `kustomize-build:${build.root.uri.slice(0, build.root.uri.lastIndexOf('/'))}`, text, starts };
  }

  /**
   * An object's YAML, kept by its JSON for the next view (what this view did not use is dropped):
   * valueText's when it writes the value (the parse of a new object's document is then skipped),
   * encodeManifest's otherwise.
   */
  private encoded(value: object): string {
    const same = this.byValue.get(value) ?? this.oldByValue.get(value);
    if (same) {
      this.byValue.set(value, same);
      this.texts.set(same.key, same);
      if (same.made) this.made.set(same.text, same.made);
      return same.text;
    }
    const key = JSON.stringify(value);
    let encoded = this.texts.get(key) ?? this.oldTexts.get(key);
    if (encoded === undefined) {
      const made = valueText(value);
      encoded = made ? { key, text: made.text, made } : { key, text: encodeManifest(value) };
    }
    this.texts.set(key, encoded);
    this.byValue.set(value, encoded);
    if (encoded.made) this.made.set(encoded.text, encoded.made);
    return encoded.text;
  }

  /** A virtual file's chunk that is one object's text (after the `---` line that separates it from the previous one) gets the document valueText makes. */
  private madeDocuments(): MadeDocuments {
    const made = this.made;
    return (source, chunkStart) => {
      const prefix = source.startsWith(SEPARATOR) ? SEPARATOR : '';
      return made.get(prefix === '' ? source : source.slice(prefix.length))?.document(prefix, chunkStart);
    };
  }
}

interface Encoded {
  /** The value's JSON. */
  key: string;
  text: string;
  made?: ValueText;
}

/** What virtualBuild writes between two objects. */
const SEPARATOR = '---\n';

function fresh(workspace: Workspace, emptied: ReadonlySet<string>, virtual: readonly VirtualBuild[], made: MadeDocuments): Workspace {
  let built = workspace;
  for (const uri of emptied) built = built.withFile(uri, '');
  for (const v of virtual) built = built.withFile(v.uri, v.text, 0, {}, made);
  return built;
}

/** The previous built workspace brought up to date, and the objects that changed in it ('all' when what every finding reads changed). */
function updated(last: Last, workspace: Workspace, emptied: ReadonlySet<string>, virtual: readonly VirtualBuild[], made: MadeDocuments): { built: Workspace; changed: IndexedObject[] | 'all' } {
  let built = last.built;
  let all = workspace.uris().length !== last.real.uris().length || emptied.size !== last.emptied.size || [...emptied].some((u) => !last.emptied.has(u));
  all ||= virtual.length !== last.virtual.length || virtual.some((v, i) => v.uri !== last.virtual[i]);
  const changed: IndexedObject[] = [];
  const note = (uri: string, next: Workspace) => {
    changed.push(...changedObjects(linkedObjects(built.file(uri)), linkedObjects(next.file(uri))));
    if (changedBuildTools(built.file(uri), next.file(uri))) all = true;
    built = next;
  };
  for (const uri of new Set([...last.real.uris(), ...workspace.uris()])) {
    const file = workspace.file(uri);
    if (file === last.real.file(uri) && emptied.has(uri) === last.emptied.has(uri)) continue;
    if (emptied.has(uri)) note(uri, built.withFile(uri, ''));
    else note(uri, file ? built.withFile(uri, file.parsed.text, file.version, file.parsed.facts) : built.withoutFile(uri));
  }
  for (const uri of last.virtual) if (!virtual.some((v) => v.uri === uri)) note(uri, built.withoutFile(uri));
  for (const v of virtual) note(v.uri, built.withFile(v.uri, v.text, 0, {}, made));
  return { built, changed: all ? 'all' : changed };
}
