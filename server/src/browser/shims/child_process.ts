// `node:child_process` in the browser build: no processes (git baselines are not available there).
const unavailable = () => new Error('no child processes in the browser');
export function execFile(...args: unknown[]): void {
  const callback = args.find((a) => typeof a === 'function') as ((e: Error) => void) | undefined;
  queueMicrotask(() => callback?.(unavailable()));
}
export function execFileSync(): never {
  throw unavailable();
}
export function spawn(): never {
  throw unavailable();
}
export default { execFile, execFileSync, spawn };
