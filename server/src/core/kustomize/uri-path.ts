/**
 * Paths inside a kustomization are relative to its folder; the workspace names files by URI
 * (`file:///repo/app/kustomization.yaml`, or a plain path in tests). These resolve one against the
 * other without node's path module (core is pure) and compare decoded, so `my dir` matches the
 * `my%20dir` of a file URI.
 */

/** The folder of a file URI or path, without the trailing slash. */
export function folderOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash < 0 ? '' : uri.slice(0, slash);
}

/** The last segment of a URI or path. */
export function baseNameOf(uri: string): string {
  return uri.slice(uri.lastIndexOf('/') + 1);
}

/** `relative` resolved against `folder`, with `.` and `..` segments removed; undefined for remote or absolute entries. */
export function resolveRelative(folder: string, relative: string): string | undefined {
  if (relative === '' || /^[a-z][a-z0-9+.-]*:/i.test(relative) || relative.startsWith('/')) return undefined;
  const prefix = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(folder)?.[0] ?? '';
  const rest = folder.slice(prefix.length);
  // An absolute folder keeps its leading '' (the root), which '..' never removes.
  const segments = rest === '' ? [] : rest.split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (segments.length > 0 && segments[segments.length - 1] !== '') segments.pop();
    } else segments.push(part);
  }
  return prefix + segments.join('/');
}

/** A URI in the form resolved paths are compared in (percent-decoding undone where it is valid). */
export function comparableUri(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}
