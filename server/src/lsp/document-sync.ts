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
    state.store.close(e.document.uri);
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
  const { store, builds } = ctx.state;
  const beforeFile = store.workspace.file(uri);
  const before = linkedObjects(beforeFile);
  store.update(uri);
  const afterFile = store.workspace.file(uri);
  const others = store.open.keys().filter((u) => u !== uri);
  if (changedBuildTools(beforeFile, afterFile)) return ctx.scheduler.schedule([uri], others);
  const sharing = new Set(builds.sharing(uri));
  ctx.scheduler.schedule([uri], [...others.filter((u) => sharing.has(u)), ...dependentFiles(store.workspace, changedObjects(before, linkedObjects(afterFile)), others)]);
}
