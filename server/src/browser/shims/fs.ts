// `node:fs` in the browser build (scripts/build-browser.mjs): there is no file system. Every file
// is missing, every folder empty; the callers already treat those as "not on disk" (no folder
// scan, no .kubesight.yaml, no kustomization paths judged), so only open documents are checked.
function missing(path: unknown): Error {
  return Object.assign(new Error(`ENOENT: no file system in the browser: ${String(path)}`), { code: 'ENOENT' });
}

export const existsSync = (): boolean => false;
export function readFileSync(path: unknown): never {
  throw missing(path);
}
export function statSync(path: unknown): never {
  throw missing(path);
}
export const readdirSync = (): string[] => [];
export const mkdirSync = (): undefined => undefined;
export const promises = {
  readdir: (path: unknown) => Promise.reject(missing(path)),
  readFile: (path: unknown) => Promise.reject(missing(path)),
  stat: (path: unknown) => Promise.reject(missing(path)),
};
export default { existsSync, readFileSync, statSync, readdirSync, mkdirSync, promises };
