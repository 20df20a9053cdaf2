// Lint config. The import restrictions enforce the architecture (ARCHITECTURE.md "Invariants").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const coreForbidden = {
  paths: [
    { name: 'vscode', message: 'server/src/core is pure: no vscode.' },
    { name: 'fs', message: 'server/src/core is pure: I/O arrives as injected functions.' },
    { name: 'node:fs', message: 'server/src/core is pure: I/O arrives as injected functions.' },
    { name: 'fs/promises', message: 'server/src/core is pure.' },
    { name: 'node:fs/promises', message: 'server/src/core is pure.' },
    { name: 'child_process', message: 'server/src/core is pure.' },
    { name: 'node:child_process', message: 'server/src/core is pure.' },
  ],
  patterns: [
    { group: ['vscode-languageserver*', 'vscode-languageclient*'], message: 'server/src/core knows no LSP types.' },
    { group: ['**/lsp/**', '**/cli/**', '**/client/**'], message: 'server/src/core imports nothing from the outer layers.' },
  ],
};

// client/ may import server/src/shared (the protocol and the defaults table), nothing else of server/.
const clientNotServer = { regex: '(^|/)server/(?!src/shared/(?!.*\\.\\./))', message: 'client/ imports nothing from server/ but server/src/shared.' };

export default tseslint.config(
  {
    ignores: [
      'dist/**', 'node_modules/**', 'schemas/**', '.tmp/**', 'test/fixtures/**',
      'bench/results/**', 'bench/workloads/**', 'bench/schemas/**',
      // The LSP benchmark harness, copied unchanged from ../shared/lspbench (kept identical so its
      // numbers stay comparable with the recorded peer baseline).
      'bench/lib/**', 'bench/bench.mjs', 'bench/diag.mjs', 'bench/floor.mjs', 'bench/report.mjs', 'bench/gen-workloads.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', performance: 'readonly', setImmediate: 'readonly', __dirname: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Small functions (ARCHITECTURE.md "Invariants"): a handler or a check that grows past this is split by concept.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] },
  },
  { files: ['server/src/core/**/*.ts'], rules: { 'no-restricted-imports': ['error', coreForbidden] } },
  {
    files: ['server/src/lsp/**/*.ts', 'server/src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Only client/ talks to VS Code.' }] }] },
  },
  {
    // server/src/shared is pure data and pure functions both ends use: it imports only from itself,
    // node:crypto for the Secret value digests both ends must compute alike, and yaml for the one
    // manifest decoder both ends must read files with alike (manifest-yaml.ts).
    files: ['server/src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./|node:crypto$|yaml$)|\\.\\./', message: 'server/src/shared imports nothing outside itself but node:crypto and yaml (no other node:*, vscode or other server code).' }] }] },
  },
  {
    files: ['client/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [clientNotServer] }] },
  },
  {
    // Cluster logic is plain, tested against the API test server; only client/src/explorer renders it.
    files: ['client/src/cluster/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'client/src/cluster is plain: the VS Code part lives in client/src/explorer.' }],
        patterns: [clientNotServer, { group: ['**/explorer/**', 'vscode-languageclient*'], message: 'client/src/cluster is plain.' }],
      }],
    },
  },
);
