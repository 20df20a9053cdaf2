// The cold-open loop shared by cold.mjs and profile-open.mjs: a fresh server Session, didOpen of
// one file, wait for its first publishDiagnostics, shut the server down.
import { Session, fileUri } from './lib/session.mjs';

/**
 * Opens `file` (its `text`) in a server started from `argv` with `settings` (and Session `options`:
 * rootDir, verbose) and resolves with { ms: open→first diagnostics, diagnostics: that list,
 * before: what `beforeShutdown(session)` returned }. `beforeShutdown` runs while the server is still
 * up (e.g. to read its per-thread CPU time from /proc).
 */
export async function openAndWait({ argv, settings, options = {}, file, text, beforeShutdown }) {
  const s = new Session(argv, settings, options);
  await s.start();
  const uri = fileUri(file);
  const w = s.nextDiagnostics(uri);
  const t = s.open(uri, text, 1);
  const d = await w;
  const before = beforeShutdown ? await beforeShutdown(s) : undefined;
  await s.shutdown();
  return { ms: d.t - t, diagnostics: d.params.diagnostics, before };
}
