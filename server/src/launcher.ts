// Process entry of the language server: `node dist/server.js --stdio` (or IPC from the VS Code
// client). It loads the server itself (dist/server-main.js, built from main.ts) with a V8 code
// cache from the user's cache folder (io/code-cache.ts), written a few seconds after a start
// without one: a new process then neither parses the ~0.75 MB bundle again nor compiles, one by
// one, the functions the last process ran (yaml's parser, the rules) before it can answer. Without
// a usable cache folder it is a plain require.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { CodeCache } from './io/code-cache';

/**
 * Old-space headroom: after each full collection V8 lets the old space grow to between 1.1× and 4×
 * what survived before the next one, by how fast collecting is compared with allocating, and a
 * language server's parses make it choose the high end. Fixed at 1.5× (one of the few heap flags
 * V8 reads at run time, at every full collection): `npm run bench` on the 20,000-line file, 8 runs
 * each, RSS at the end 154-171 MiB → 142-152 MiB and peak 171-177 → 156-161, with open, edit and
 * 500-file workspace times unchanged within run-to-run noise; `npm run bench:memory` (10,500 edits
 * of the 1,891-line file) peak 151 → 142 MiB at the same median edit time (3.6 ms).
 */
const OLD_SPACE_HEADROOM_PERCENT = 50;

// Before any code cache is read or written: V8 accepts a cache only under the flags it was made with.
setFlagsFromString(`--heap-growing-percent=${OLD_SPACE_HEADROOM_PERCENT}`);

const server = join(__dirname, 'server-main.js');
const cache = CodeCache.forUser();
if (cache) cache.require(server);
else createRequire(__filename)(server);
