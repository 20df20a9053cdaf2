import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { baselineFromResources, type Baseline } from '../core/immutable/baseline';
import { parseFile } from '../core/model/parse';
import { resourcesOfFile } from '../core/model/resource';

const MAX_BUFFER = 256 * 1024 * 1024;
const YAML = /\.ya?ml$/i;
const SKIPPED = /(^|\/)(node_modules|\.git)\//;

/** Runs git; any failure (no git, not a repository, unknown ref) is "no baseline". */
type Git = (args: string[], input?: string) => Promise<string | undefined>;

const gitAsync = (cwd: string): Git => async (args, input) => {
  try {
    const run = promisify(execFile);
    if (input === undefined) return (await run('git', ['-C', cwd, ...args], { maxBuffer: MAX_BUFFER, encoding: 'utf8' })).stdout;
    return gitSync(cwd)(args, input);
  } catch {
    return undefined;
  }
};

function gitSync(cwd: string): (args: string[], input?: string) => string | undefined {
  const bytes = gitBytes(cwd);
  return (args, input) => bytes(args, input)?.toString('utf8');
}

function gitBytes(cwd: string): (args: string[], input?: string) => Buffer | undefined {
  return (args, input) => {
    try {
      return execFileSync('git', ['-C', cwd, ...args], { input, maxBuffer: MAX_BUFFER, stdio: ['pipe', 'pipe', 'ignore'] });
    } catch {
      return undefined;
    }
  };
}

/** Every manifest of the repository at `ref`, read with `git cat-file --batch` (one process). */
function build(ref: string, list: string | undefined, read: (input: string) => Buffer | undefined): Baseline | undefined {
  if (list === undefined) return undefined;
  const paths = list.split('\0').filter((p) => YAML.test(p) && !SKIPPED.test(p));
  const out = paths.length ? read(paths.map((p) => `${ref}:${p}`).join('\n') + '\n') : Buffer.alloc(0);
  if (out === undefined) return undefined;
  const resources = [];
  let at = 0;
  while (at < out.length) {
    const newline = out.indexOf(10, at);
    if (newline < 0) break;
    const header = out.subarray(at, newline).toString('utf8');
    at = newline + 1;
    const size = Number(/ blob (\d+)$/.exec(header)?.[1]);
    if (!Number.isFinite(size)) continue; // a "missing" line has no content
    resources.push(...resourcesOfFile(parseFile(out.subarray(at, at + size).toString('utf8'))));
    at += size + 1;
  }
  return baselineFromResources(`git ${ref}`, resources);
}

/** The objects of every manifest at a git ref (CLI: synchronous, once per run). */
export function gitBaselineSync(cwd: string, ref: string): Baseline | undefined {
  const git = gitSync(cwd);
  if (git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]) === undefined) return undefined;
  return build(ref, git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', ref]), (input) => gitBytes(cwd)(['cat-file', '--batch'], input));
}

/** The same for the language server, without blocking it while git lists the tree. */
export async function gitBaseline(cwd: string, ref: string): Promise<Baseline | undefined> {
  const git = gitAsync(cwd);
  if ((await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])) === undefined) return undefined;
  const list = await git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', ref]);
  return build(ref, list, (input) => gitBytes(cwd)(['cat-file', '--batch'], input));
}
