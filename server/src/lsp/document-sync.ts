import { changedBuildTools, changedObjects, dependentFiles, linkedObjects } from '../core/workspace/dependents';
import { reloadBaseline, type ServerContext } from './context';

/** Open, change, save and close of documents: the snapshot follows, then the scheduler publishes. */
export function registerDocumentSync(ctx: ServerContext): void {
  const { state, publisher } = ctx;
  const open = state.store.open;
  open.onDidChangeContent((e) => changed(ctx, e.document.uri));
  // A commit after a save may have moved HEAD.
  open.onDidSave(() => reloadBaseline(ctx));
  open.onDidClose((e) => {
    closed(ctx, e.document.uri);
    publisher.clear(e.document.uri);
    // A closed configuration file keeps its diagnostics, from the disk's text.
    if (e.document.uri.endsWith('/.kubesight.yaml')) publisher.publishConfigFiles();
  });
  open.listen(ctx.connection);
}

/**
 * Takes the document's newest text into the snapshot and schedules it, with its dependents: the
 * open files whose links to the changed objects may have changed, the other files of the
 * Kustomize builds that read it, or every open file when it changed what build tools are told.
 */
function changed(ctx: ServerContext, uri: string): void {
  ctx.scheduler.schedule([uri], dependentsOf(ctx, uri, () => ctx.state.store.update(uri)));
}

/**
 * A closed document leaves the snapshot, or falls back to its text on disk: the open files that
 * read its objects (a duplicate, a reference, a selector) are checked again, or they would keep
 * findings about a version of it that is gone.
 */
function closed(ctx: ServerContext, uri: string): void {
  ctx.scheduler.schedule([], dependentsOf(ctx, uri, () => ctx.state.store.close(uri)));
}

/** The other open files that may read differently after `change` replaces the snapshot's version of `uri`. */
function dependentsOf(ctx: ServerContext, uri: string, change: () => void): string[] {
  const { store, builds } = ctx.state;
  // A closing document is still in the open set while its close is handled.
  const others = store.open.keys().filter((u) => u !== uri);
  const beforeFile = store.workspace.file(uri);
  const before = linkedObjects(beforeFile);
  // The files sharing a Kustomize build with it before the change: a file leaving a build changes the build too.
  const sharing = new Set(builds.sharing(uri));
  change();
  const afterFile = store.workspace.file(uri);
  if (changedBuildTools(beforeFile, afterFile)) return others;
  return [...others.filter((u) => sharing.has(u)), ...dependentFiles(store.workspace, changedObjects(before, linkedObjects(afterFile)), others)];
}
