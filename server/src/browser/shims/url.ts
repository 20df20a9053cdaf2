// `node:url` in the browser build: file: URLs to POSIX paths and back (the browser has URL itself).
export function fileURLToPath(url: string | URL): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  if (u.protocol !== 'file:') throw new TypeError(`The URL must be of scheme file: ${u.href}`);
  return decodeURIComponent(u.pathname);
}
export function pathToFileURL(path: string): URL {
  return new URL(`file://${encodeURI(path).replace(/[?#]/g, encodeURIComponent)}`);
}
export default { fileURLToPath, pathToFileURL };
