// `node:util` in the browser build: only promisify is used (by io/git-baseline.ts).
export function promisify<T>(fn: (...args: unknown[]) => void): (...args: unknown[]) => Promise<T> {
  return (...args) => new Promise<T>((resolve, reject) => fn(...args, (err: Error | null, value: T) => (err ? reject(err) : resolve(value))));
}
export default { promisify };
