// Temporary folders for tests that need files on disk: a workspace of files, or one committed to a
// fresh git repository (the immutable-field check compares with its HEAD).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A new temp folder (name starting with `prefix`) holding `files`, by relative path; folders are created. */
export function tempWorkspace(prefix: string, files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** A temp git repository whose one commit holds `files`; `git` runs further commands in it. */
export function committedWorkspace(prefix: string, files: Record<string, string>): { dir: string; git: (...args: string[]) => Buffer } {
  const dir = tempWorkspace(prefix, files);
  const git = (...args: string[]) => execFileSync('git', ['-C', dir, '-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args]);
  git('init', '-q');
  git('add', '.');
  git('commit', '-qm', 'initial');
  return { dir, git };
}
