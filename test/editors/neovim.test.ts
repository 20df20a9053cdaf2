// Debian's Neovim, headless, with the configuration the README gives (editors/neovim/kubesight.lua)
// and `kubesight-language-server` (package.json bin) on PATH: a broken manifest gets its
// diagnostics, completion and hover, over standard LSP only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { tempWorkspace } from '../temp-workspace';

const BROKEN = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27.3
          imagePullPolcy: Always
`;

test('the README Neovim configuration: diagnostics, completion and hover from kubesight-language-server', () => {
  const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, 'Neovim is missing: apt-get install neovim (.ci/run installs it)');
  const dir = tempWorkspace('kubesight-nvim-', { 'web.yaml': BROKEN });
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  symlinkSync(resolve('dist/server.js'), join(bin, 'kubesight-language-server'));
  const out = join(dir, 'result.json');
  const run = spawnSync('nvim', ['--headless', '-u', resolve('editors/neovim/kubesight.lua'), '-c', `luafile ${resolve('test/editors/neovim-driver.lua')}`, 'web.yaml'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
      KUBESIGHT_NVIM_OUT: out,
      // Inside the container's mapping (completion of its keys) and on `containers` (hover).
      KUBESIGHT_NVIM_COMPLETE: '13,10',
      KUBESIGHT_NVIM_HOVER: '11,8',
      XDG_CONFIG_HOME: join(dir, '.config'),
      XDG_DATA_HOME: join(dir, '.data'),
      XDG_STATE_HOME: join(dir, '.state'),
    },
  });
  assert.equal(run.status, 0, `nvim: ${run.stderr}${run.stdout}`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as { attached: boolean; diagnostics: { message: string; code: string; lnum: number; col: number; severity: number }[]; completion: string[]; hover: string };
  assert.equal(result.attached, true);
  const typo = result.diagnostics.find((d) => d.code === 'schema/unknown-field');
  assert.deepEqual(typo && [typo.message, typo.lnum, typo.col, typo.severity], ['unknown field "spec.template.spec.containers[0].imagePullPolcy" (did you mean "imagePullPolicy"?)', 14, 10, 1]);
  assert.ok(result.completion.includes('imagePullPolicy'), `completion: ${result.completion.join(', ')}`);
  assert.match(result.hover, /\*\*spec\.template\.spec\.containers\*\*/);
});

test('the README gives the Neovim configuration the test uses, verbatim', () => {
  const config = readFileSync('editors/neovim/kubesight.lua', 'utf8').trim();
  assert.ok(readFileSync('README.md', 'utf8').includes(config), 'README.md must contain editors/neovim/kubesight.lua');
});
