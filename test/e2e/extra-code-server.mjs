// More code-servers beside the first, for what the recipe cannot express: the workspace-trust suite
// (test/vscode/untrusted.vscode.ts: trust on, the workspace not trusted) and the web extension check
// (driver/web-extension.mjs: Kubesight forced into the browser's web-worker extension host). Each
// follows ../shared/e2e/start-code-server.sh (loopback only, no auth, no telemetry, marketplace or
// update check, HOME and XDG folders of its own), shares the first instance's extensions folder,
// where the .vsix is already installed, and its user settings plus `settings`.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Starts it; resolves with `stop()` once `/healthz` answers. */
export async function startExtraCodeServer({ csPrefix, firstRun, run, port, workspace, env, settings: extra = {}, trust = false }) {
  rmSync(run, { recursive: true, force: true });
  for (const d of ['home', 'ud/User', 'run']) mkdirSync(join(run, d), { recursive: true });
  writeFileSync(join(run, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const settings = JSON.parse(readFileSync(join(firstRun, 'ud/User/settings.json'), 'utf8'));
  const trustOn = trust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.emptyWindow': false } : {};
  writeFileSync(join(run, 'ud/User/settings.json'), JSON.stringify({ ...settings, ...trustOn, ...extra }, null, 2));
  const home = join(run, 'home');
  const child = spawn(
    process.execPath,
    [
      join(csPrefix, 'node_modules/code-server/out/node/entry.js'),
      ...['--config', join(run, 'config.yaml'), '--user-data-dir', join(run, 'ud'), '--extensions-dir', join(firstRun, 'ext')],
      ...['--disable-telemetry', '--disable-update-check', ...(trust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened', '--locale', 'en', workspace],
    ],
    {
      detached: true, // its own process group: stop() ends it with the extension host and language server
      stdio: ['ignore', 'ignore', 'ignore'],
      env: { ...env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'), XDG_CACHE_HOME: join(home, '.cache'), XDG_RUNTIME_DIR: join(run, 'run'), EXTENSIONS_GALLERY: '{}', CS_TELEMETRY_URL: 'http://127.0.0.1:9/' },
    },
  );
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  for (let i = 0; i < 150; i++) {
    if (child.exitCode !== null) throw new Error(`code-server on port ${port} exited early (${child.exitCode})`);
    if (await globalThis.fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false)) return { stop, url: `http://127.0.0.1:${port}` };
    await new Promise((r) => setTimeout(r, 200));
  }
  stop();
  throw new Error(`code-server on port ${port} did not answer /healthz in 30 s`);
}
