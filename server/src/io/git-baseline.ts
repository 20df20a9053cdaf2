import { execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { baselineFromResources, type Baseline } from '../core/immutable/baseline';
import { parseFile } from '../core/model/parse';
import { resourcesOfFile } from '../core/model/resource';

const MAX_BUFFER = 256 * 1024 * 1024;
/** No git call may hold the language server's baseline longer than this. */
const GIT_TIMEOUT_MS = 15_000;
const YAML = /\.ya?ml$/i;
const SKIPPED = /(^|\/)(node_modules|\.git)\//;

/** Runs git; any failure (no git, not a repository, unknown ref) is "no baseline". */
type Git = (args: string[], input?: string) => Promise<string | undefined>;

const gitAsync = (cwd: string): Git => async (args, input) => {
  try {
    const run = promisify(execFile);
    if (input === undefined) return (await run('git', ['-C', cwd, ...args], { maxBuffer: MAX_BUFFER, encoding: 'utf8', timeout: GIT_TIMEOUT_MS })).stdout;
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

/** `git cat-file --batch` without blocking: stdin in, every blob out, killed after the timeout. */
function catFileAsync(cwd: string, input: string): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const child = spawn('git', ['-C', cwd, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => child.kill(), GIT_TIMEOUT_MS);
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code === 0 ? Buffer.concat(chunks) : undefined);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** `<treeish>:<path>` lines for `git cat-file --batch`: every manifest of the tree listing. */
function batchInput(treeish: string, list: string): string {
  const paths = list.split('\0').filter((p) => YAML.test(p) && !SKIPPED.test(p));
  return paths.length ? paths.map((p) => `${treeish}:${p}`).join('\n') + '\n' : '';
}

/** The blobs `git cat-file --batch` printed, as text. */
function* blobsOf(out: Buffer): Generator<string> {
  let at = 0;
  while (at < out.length) {
    const newline = out.indexOf(10, at);
    if (newline < 0) break;
    const header = out.subarray(at, newline).toString('utf8');
    at = newline + 1;
    const size = Number(/ blob (\d+)$/.exec(header)?.[1]);
    if (!Number.isFinite(size)) continue; // a "missing" line has no content
    yield out.subarray(at, at + size).toString('utf8');
    at += size + 1;
  }
}

/** The objects of the blobs `git cat-file --batch` printed. */
function fromBlobs(ref: string, out: Buffer | undefined): Baseline | undefined {
  if (out === undefined) return undefined;
  const resources = [];
  for (const text of blobsOf(out)) resources.push(...resourcesOfFile(parseFile(text)));
  return baselineFromResources(`git ${ref}`, resources);
}

/** How long the language server parses baseline blobs before it lets edits and requests in. */
const PARSE_SLICE_MS = 10;

/**
 * fromBlobs for the language server: a repository's manifests can take a second to parse, so
 * they are parsed in slices, one per turn of the event loop, and an edit never waits for all of them.
 */
async function fromBlobsSliced(ref: string, out: Buffer | undefined): Promise<Baseline | undefined> {
  if (out === undefined) return undefined;
  const resources = [];
  let sliceEnd = performance.now() + PARSE_SLICE_MS;
  for (const text of blobsOf(out)) {
    resources.push(...resourcesOfFile(parseFile(text)));
    if (performance.now() < sliceEnd) continue;
    await new Promise((resolve) => setImmediate(resolve));
    sliceEnd = performance.now() + PARSE_SLICE_MS;
  }
  return baselineFromResources(`git ${ref}`, resources);
}

/** The objects of every manifest at a git ref (CLI: once per run). */
export function gitBaselineSync(cwd: string, ref: string): Baseline | undefined {
  const git = gitSync(cwd);
  if (git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]) === undefined) return undefined;
  const list = git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', ref]);
  if (list === undefined) return undefined;
  const input = batchInput(ref, list);
  return fromBlobs(ref, input ? gitBytes(cwd)(['cat-file', '--batch'], input) : Buffer.alloc(0));
}

/**
 * For the language server: never blocks (async git, each call timed out) and caches the baseline
 * per folder and commit, so the reload after every save costs one `rev-parse` until HEAD moves.
 */
export function gitBaselineLoader(): (cwd: string, ref: string) => Promise<Baseline | undefined> {
  let cached: { key: string; baseline: Baseline | undefined } | undefined;
  return async (cwd, ref) => {
    const git = gitAsync(cwd);
    const commit = (await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]))?.trim();
    if (!commit) return undefined;
    const key = `${cwd}\0${commit}`;
    if (cached?.key === key) return cached.baseline;
    const list = await git(['ls-tree', '-r', '-z', '--name-only', '--full-tree', commit]);
    if (list === undefined) return undefined;
    const input = batchInput(commit, list);
    const baseline = await fromBlobsSliced(ref, input ? await catFileAsync(cwd, input) : Buffer.alloc(0));
    cached = { key, baseline };
    return baseline;
  };
}
