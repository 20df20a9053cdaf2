// `node:path` in the browser build: POSIX paths, which is what file: URIs decode to there.
export const sep = '/';

/** Like node's posix.normalize; `keepTrailing` false drops a trailing slash (resolve, dirname, basename). */
function normalize(path: string, keepTrailing = true): string {
  const absolute = path.startsWith('/');
  const trailing = keepTrailing && path.endsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const joined = parts.join('/') + (trailing && parts.length > 0 ? '/' : '');
  return absolute ? `/${joined}` : joined || (trailing ? './' : '.');
}

export const isAbsolute = (path: string): boolean => path.startsWith('/');
export const join = (...paths: string[]): string => normalize(paths.filter(Boolean).join('/'));
export function resolve(...paths: string[]): string {
  let resolved = '';
  for (const p of paths) resolved = isAbsolute(p) ? p : `${resolved}/${p}`;
  return normalize(isAbsolute(resolved) ? resolved : `/${resolved}`, false);
}
/** The path without its trailing slashes (but `/` stays `/`): dirname and basename are lexical, as in node. */
function trimTrailing(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}
export function dirname(path: string): string {
  if (!path) return '.';
  const trimmed = trimTrailing(path);
  const at = trimmed.lastIndexOf('/');
  return at < 0 ? '.' : at === 0 ? '/' : trimmed.slice(0, at);
}
export function basename(path: string, ext?: string): string {
  const trimmed = trimTrailing(path);
  const base = trimmed === '/' ? '' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
  return ext && base !== ext && base.endsWith(ext) ? base.slice(0, -ext.length) : base;
}
export function relative(from: string, to: string): string {
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => '..'), ...b.slice(common)].join('/');
}
export const posix = { sep, isAbsolute, join, resolve, dirname, basename, relative };
export default posix;
