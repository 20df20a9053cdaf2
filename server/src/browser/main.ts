// The language server as a web worker (dist/browser/server.js), for VS Code in the browser
// (vscode.dev, github.dev): the same server over the worker's postMessage, with the schemas inlined
// and the Node.js modules it imports replaced by the shims of ./shims (no file system, no
// processes). What that leaves: diagnostics, completion, hover, symbols, code actions and
// navigation over the open documents; no folder scan, .kubesight.yaml, git baseline or cluster.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/server';
import { inlinedVersions } from './schemas';

// The worker scope (the root tsconfig has no DOM or WebWorker lib): what the reader and writer take.
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, inlinedVersions());
