// Entry point that VS Code's extension host loads through `--extensionTestsPath` (bundled by
// scripts/test-vscode.mjs to dist/test-vscode/index.js). It runs the mocha suite bundled next to it
// and rejects when a test fails, which makes VS Code, and so `npm run test:vscode`, exit non-zero.
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: 60_000 });
  mocha.addFile(path.join(__dirname, 'extension.vscode.js'));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
