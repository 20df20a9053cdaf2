// Entry point that VS Code's extension host loads through its extension-tests path, in VS Code
// desktop (@vscode/test-electron, `npm run test:vscode`) and in code-server (the end-to-end run opens
// the workbench with the development and tests paths in its URL; test/e2e/driver/exthost.mjs).
// It runs the mocha suites bundled next to it (test/vscode/bundle.mjs) and rejects when a test
// fails, which makes the extension host exit non-zero. Besides mocha's own report, each test's
// outcome is logged as one `kubesight-test {json}` line: the console is all a browser-hosted
// workbench forwards, and the code-server driver counts these lines.
import * as path from 'node:path';
import Mocha from 'mocha';

/** The suites of a trusted window; KUBESIGHT_TEST_SUITES (comma-separated) picks others, e.g. `untrusted`. */
export const SUITES = ['language', 'settings', 'commands', 'onboarding', 'cluster'];
export const RESULT_MARK = 'kubesight-test ';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  const suites = process.env.KUBESIGHT_TEST_SUITES?.split(',').filter(Boolean) ?? SUITES;
  for (const suite of suites) mocha.addFile(path.join(__dirname, `${suite}.vscode.js`));
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        console.log(`${RESULT_MARK}${JSON.stringify({ end: true, failures })}`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
      const report = (test: Mocha.Test, ok: boolean, err?: Error) =>
        console.log(`${RESULT_MARK}${JSON.stringify({ title: test.fullTitle(), ok, ms: test.duration ?? 0, error: err ? String(err.message).split('\n').slice(0, 6).join(' | ') : undefined })}`);
      runner.on('pass', (t) => report(t, true));
      runner.on('fail', (t, err: Error) => report(t as Mocha.Test, false, err));
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
