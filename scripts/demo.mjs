// `npm run demo`: the CLI on examples/. The valid application must be clean (exit 0) and the
// broken one must fail (exit 1) with a finding of every single-document rule; the demo exits 0
// only when both hold, so it doubles as a smoke test of the built CLI.
import { spawnSync } from 'node:child_process';

const run = (args) => spawnSync(process.execPath, ['dist/cli.js', 'check', ...args], { encoding: 'utf8' });

console.log('$ kubesight check examples/valid');
const valid = run(['examples/valid']);
process.stdout.write(valid.stdout + valid.stderr);
console.log('\n$ kubesight check examples/broken');
const broken = run(['examples/broken']);
process.stdout.write(broken.stdout + broken.stderr);
const json = JSON.parse(run(['examples/broken', '--format', 'json']).stdout);
const rules = new Set(json.flatMap((f) => f.messages.map((m) => m.ruleId)));
const expected = ['yaml-syntax', 'schema/*', 'api-version', 'name-format', 'selector-mismatch', 'restart-policy', 'secret-data', 'duplicate/*', 'image-tag'];
// `family/*`: any rule of the family.
const missing = expected.filter((r) => !(r.endsWith('/*') ? [...rules].some((id) => id.startsWith(r.slice(0, -1))) : rules.has(r)));
const ok = valid.status === 0 && broken.status === 1 && missing.length === 0;
console.log(`\ndemo: valid exit ${valid.status} (want 0), broken exit ${broken.status} (want 1), rules shown ${expected.length - missing.length}/${expected.length}${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`);
process.exit(ok ? 0 : 1);
