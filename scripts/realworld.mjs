// `npm run realworld`: runs the CLI on every repository folder of ../shared/realworld as a whole
// and compares each error and warning with the reviewed verdicts in test/realworld/verdicts.json
// (finding → true/false with a one-line reason). Prints the counts, the findings without a
// verdict and the verdicts whose finding is gone. Exit 1 when a finding has no verdict, a verdict
// is stale, or a finding judged false is an error. `--write-missing` appends unreviewed findings
// with verdict null, for review.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve('../shared/realworld');
const VERDICTS = 'test/realworld/verdicts.json';

export function runCorpus(root = ROOT) {
  const findings = [];
  const listed = [];
  const unchecked = [];
  const repos = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const repo of repos) {
    let out;
    try {
      out = execFileSync(process.execPath, ['dist/cli.js', 'check', join(root, repo), '--format', 'json'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    } catch (e) {
      if (e.status !== 1) throw e; // 1: errors found; anything else is a crash
      out = e.stdout;
    }
    for (const file of JSON.parse(out)) {
      const path = relative(root, resolve(file.filePath)).split('\\').join('/');
      listed.push(path);
      for (const m of file.messages) {
        const noSchema = /^no schema for kind \S+ \(apiVersion ([^)]+)\); its fields are not checked/.exec(m.message);
        if (noSchema) unchecked.push({ key: `${path}:${m.line}:${m.column}`, apiVersion: noSchema[1] });
        if (m.severity !== 'error' && m.severity !== 'warning') continue;
        findings.push({ key: `${path}:${m.line}:${m.column} ${m.ruleId}`, severity: m.severity, message: m.message });
      }
    }
  }
  return { repos, findings, listed, unchecked };
}

/** Every YAML file of the corpus, as the CLI should list it (relative to the corpus root). */
export function yamlFilesOf(root = ROOT) {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.ya?ml$/i.test(d.name) && d.name !== '.kubesight.yaml')
    .map((d) => relative(root, join(d.parentPath ?? d.path, d.name)).split('\\').join('/'))
    .sort();
}

export function loadVerdicts(path = VERDICTS) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : [];
}

/** Counts and problems of a corpus run against the verdicts. */
export function compare(findings, verdicts) {
  const byKey = new Map(verdicts.map((v) => [v.finding, v]));
  const seen = new Set();
  const counts = { errors: 0, falseErrors: 0, warnings: 0, falseWarnings: 0 };
  const unreviewed = [];
  const falseOnes = [];
  for (const f of findings) {
    seen.add(f.key);
    const v = byKey.get(f.key);
    const isError = f.severity === 'error';
    counts[isError ? 'errors' : 'warnings']++;
    if (!v || typeof v.verdict !== 'boolean') unreviewed.push(f);
    else if (v.verdict === false) {
      counts[isError ? 'falseErrors' : 'falseWarnings']++;
      falseOnes.push({ ...f, reason: v.reason });
    }
  }
  const stale = verdicts.filter((v) => !seen.has(v.finding));
  return { counts, unreviewed, falseOnes, stale };
}

function main() {
  const { findings } = runCorpus();
  const verdicts = loadVerdicts();
  const result = compare(findings, verdicts);
  for (const f of result.falseOnes) console.log(`false ${f.severity}: ${f.key} — ${f.message} (${f.reason})`);
  for (const f of result.unreviewed) console.log(`no verdict: ${f.severity} ${f.key} — ${f.message}`);
  for (const v of result.stale) console.log(`stale verdict (finding gone): ${v.finding}`);
  if (process.argv.includes('--write-missing')) {
    const known = new Set(verdicts.map((v) => v.finding));
    const fresh = result.unreviewed.filter((f) => !known.has(f.key)).map((f) => ({ finding: f.key, severity: f.severity, message: f.message, verdict: null, reason: '' }));
    const kept = verdicts.filter((v) => !result.stale.includes(v));
    writeFileSync(VERDICTS, `${JSON.stringify([...kept, ...fresh].sort((a, b) => a.finding.localeCompare(b.finding)), null, 2)}\n`);
  }
  const c = result.counts;
  console.log(`errors: ${c.errors} (false ${c.falseErrors}), warnings: ${c.warnings} (false ${c.falseWarnings})`);
  process.exit(result.unreviewed.length || result.stale.length || c.falseErrors ? 1 : 0);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
