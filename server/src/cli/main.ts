import { resolve } from 'node:path';
import { DEFAULT_CONFIG, mergeConfig, type Config } from '../core/config';
import { ALL_RULES, RULE_NAMES } from '../core/rules';
import { bundledVersions } from '../io/schema-source';
import { targetVersion } from '../core/features/target-version';
import { parseArgs, USAGE, UsageError, type CheckArgs } from './args';
import { checkConfigFile, checkFiles } from './check';
import { gitBaselineSync } from '../io/git-baseline';
import { findConfigFile, loadConfigFile } from '../io/config-file';
import { collectFiles } from '../io/files';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatStylish } from './format/stylish';
import { buildCommand } from './build';

declare const KUBESIGHT_VERSION: string | undefined;
const VERSION = typeof KUBESIGHT_VERSION === 'string' ? KUBESIGHT_VERSION : '0.0.0-dev';

/** Runs the CLI and returns its exit status: 0 clean, 1 errors found, 2 usage or internal failure. */
export function run(argv: readonly string[], cwd: string, out: (s: string) => void, err: (s: string) => void, isTty: boolean): number {
  let args;
  try {
    args = parseArgs(argv, new Set(RULE_NAMES.known));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`kubesight: ${e.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.command === 'help') {
    out(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    out(VERSION);
    return 0;
  }
  if (args.command === 'build') return buildCommand(resolve(cwd, args.dir), out, err);
  return check(args, cwd, out, err, isTty);
}

function check(args: CheckArgs, cwd: string, out: (s: string) => void, err: (s: string) => void, isTty: boolean): number {
  let config: Config;
  let configPath: string | undefined;
  let files: string[];
  try {
    ({ config, path: configPath } = effectiveConfig(args, cwd));
    files = collectFiles(args.paths.map((p) => resolve(cwd, p)), config.ignore, cwd);
  } catch (e) {
    err(`kubesight: ${(e as Error).message}`);
    return 2;
  }
  const baseline = args.against ? gitBaselineSync(cwd, args.against) : undefined;
  if (args.against && !baseline) {
    err(`kubesight: --against ${args.against}: not a git revision of a repository containing ${cwd}`);
    return 2;
  }
  const versions = bundledVersions();
  const target = targetVersion(versions, config);
  if (target.problem) {
    err(`kubesight: ${target.problem}`);
    return 2;
  }
  const catalog = versions.catalog(target.version)!;
  // A configuration that was read but holds settings with no effect is reported like a file.
  // (Unless it is one of the files given: then it is checked as one already.)
  const configResult = configPath && !files.includes(configPath) ? checkConfigFile(configPath, config, cwd, versions.versions) : undefined;
  const results = [...(configResult?.findings.length ? [configResult] : []), ...checkFiles(files, catalog, config, cwd, baseline)];
  if (args.format === 'json') out(formatJson(results, target));
  else if (args.format === 'sarif') out(formatSarif(results, ALL_RULES, VERSION, target));
  else out(formatStylish(results, isTty && !process.env.NO_COLOR));
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/**
 * Defaults < .kubesight.yaml (given or nearest) < command-line flags. A configuration that cannot
 * be read throws (exit 2 with its reason on stderr): checking with settings other than the
 * user's would give findings they did not ask for.
 */
function effectiveConfig(args: CheckArgs, cwd: string): { config: Config; path?: string } {
  const path = args.config ? resolve(cwd, args.config) : findConfigFile(resolve(cwd, args.paths[0] ?? '.'));
  const fromFile = path ? loadConfigFile(path, DEFAULT_CONFIG) : DEFAULT_CONFIG;
  return { config: mergeConfig(fromFile, { rules: args.rules, kubernetesVersion: args.kubeVersion }, '--kube-version'), path };
}

if (require.main === module) {
  let code: number;
  try {
    code = run(process.argv.slice(2), process.cwd(), (s) => process.stdout.write(`${s}\n`), (s) => process.stderr.write(`${s}\n`), Boolean(process.stdout.isTTY));
  } catch (e) {
    process.stderr.write(`kubesight: internal error: ${(e as Error).stack ?? e}\n`);
    code = 2;
  }
  process.exitCode = code;
}
