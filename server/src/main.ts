// Process entry of the language server: `node dist/server.js --stdio` (or IPC from the VS Code client).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { CodeCache } from './io/code-cache';
import { bundledCatalog } from './io/schema-source';
import { startServer } from './lsp/server';

const connection = createConnection(ProposedFeatures.all);
startServer(connection, bundledCatalog({ codeCache: CodeCache.forUser() }));
