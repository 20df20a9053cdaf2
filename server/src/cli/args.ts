import { isRuleSetting, type RuleSetting } from '../core/config';

export type Format = 'stylish' | 'json' | 'sarif';

export interface CheckArgs {
  command: 'check';
  paths: string[];
  format: Format;
  against?: string;
  kubeVersion?: string;
  config?: string;
  rules: Record<string, RuleSetting>;
}

/** `kubesight build <dir>`: the kustomization's build, printed. */
export interface BuildArgs {
  command: 'build';
  dir: string;
}

export type Parsed = CheckArgs | BuildArgs | { command: 'help' } | { command: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage: kubesight check [paths...] [options]
       kubesight build <dir>

check: checks Kubernetes manifests (files or directories, recursive *.yaml/*.yml) like the API server would.
build: prints the build of the kustomization in <dir> as YAML, what \`kubectl kustomize <dir>\` prints
       (offline: remote resources, Helm charts and plugins are left out and said so on stderr).

Options:
  --format stylish|json|sarif   output format (default: stylish)
  --rule <id>=off|error|warning|info   override a rule's severity (repeatable; <id> may be a
                                       category such as schema/* or a former id)
  --config <file>               configuration file (default: nearest .kubesight.yaml upward)
  --kube-version <x.y>          Kubernetes version to check against, 1.30 to 1.35
                                (default: kubernetesVersion in .kubesight.yaml, else 1.35)
  --against <git-ref>           report immutable-field edits against a git ref
  -h, --help                    show this help
  -v, --version                 show the version

Exit status: 0 no errors, 1 errors found, 2 bad usage or internal failure.`;

const FORMATS: readonly string[] = ['stylish', 'json', 'sarif'];

/** Parses argv (without node and script). Throws UsageError on anything it does not understand. */
export function parseArgs(argv: readonly string[], knownRules: ReadonlySet<string>): Parsed {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { command: 'help' };
  if (argv.includes('-v') || argv.includes('--version')) return { command: 'version' };
  if (argv[0] === 'build') {
    if (argv.length > 2 || argv[1]?.startsWith('-')) throw new UsageError('build takes one folder and no options');
    return { command: 'build', dir: argv[1] ?? '.' };
  }
  if (argv[0] !== 'check') throw new UsageError(`unknown command "${argv[0]}" (expected "check" or "build")`);
  const out: CheckArgs = { command: 'check', paths: [], format: 'stylish', rules: {} };
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--format': {
        const f = value();
        if (!FORMATS.includes(f)) throw new UsageError(`unknown format "${f}" (expected stylish, json or sarif)`);
        out.format = f as Format;
        break;
      }
      case '--rule': {
        const spec = value();
        const eq = spec.lastIndexOf('=');
        const id = spec.slice(0, eq);
        const setting = spec.slice(eq + 1);
        if (eq <= 0 || !isRuleSetting(setting)) throw new UsageError(`--rule expects <id>=off|error|warning|info, got "${spec}"`);
        if (!knownRules.has(id)) throw new UsageError(`unknown rule "${id}"`);
        out.rules[id] = setting;
        break;
      }
      case '--config':
        out.config = value();
        break;
      case '--kube-version':
        out.kubeVersion = value();
        break;
      case '--against':
        out.against = value();
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option "${arg}"`);
        out.paths.push(arg);
    }
  }
  if (out.paths.length === 0) out.paths.push('.');
  return out;
}
