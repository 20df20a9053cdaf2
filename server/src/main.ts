// The language server (dist/server-main.js), started by launcher.ts: `node dist/server.js --stdio`
// (or IPC from the VS Code client).
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { CodeCache } from './io/code-cache';
import { bundledVersions } from './io/schema-source';
import { startServer } from './lsp/server';

/**
 * V8's low-memory collection, for the server gone idle after edits (DocumentStore, lsp/documents.ts): while typing,
 * V8 grows the young generation to its maximum (2 × 16 MiB) and the old space well past what is
 * live, and never gives either back to an idle process (no flag set at run time caps or shrinks
 * them, and Node 20 has no API for it). The inspector protocol's HeapProfiler.collectGarbage is
 * V8's LowMemoryNotification: full GCs that compact the old space, shrink the young generation to
 * its initial size and release the pages (30-100 ms). An in-process session opens no port. Where
 * the runtime has no inspector, nothing is collected early.
 *
 * Bytecode is kept (--flush-bytecode is off during the collection, then back to V8's default):
 * a low-memory collection otherwise drops all of it, and the first 20 edits after it took 3× as
 * long (median 12.9 ms, up to 63 ms) instead of ~2× (7.7 ms, up to 21 ms) while V8's heap grows
 * back (`npm run bench:memory` with pauses of 11 s every 500 edits).
 */
function lowMemoryCollection(): () => void {
  // Required, not import()ed: launcher.ts runs this bundle through vm.Script, where a dynamic
  // import has no loader and fails (silently: no collection ever ran).
  let inspector: typeof import('node:inspector') | undefined;
  try {
    inspector = createRequire(__filename)('node:inspector');
  } catch {
    inspector = undefined; // a runtime without the inspector: nothing is collected early
  }
  let running = false;
  return () => {
    if (running || !inspector) return;
    running = true;
    const session = new inspector.Session();
    session.connect();
    setFlagsFromString('--no-flush-bytecode');
    const done = () => {
      setFlagsFromString('--flush-bytecode');
      session.disconnect();
      running = false;
    };
    try {
      // Disconnecting inside the protocol callback deadlocks Node 20: leave it first.
      session.post('HeapProfiler.collectGarbage', () => setImmediate(done));
    } catch {
      done();
    }
  };
}

const connection = createConnection(ProposedFeatures.all);
startServer(connection, bundledVersions({ codeCache: CodeCache.forUser() }), lowMemoryCollection());
