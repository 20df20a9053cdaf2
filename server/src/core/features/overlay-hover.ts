import { isMap, isSeq, type Node } from 'yaml';
import type { FieldPath } from '../model/path';
import { resourcesAt } from '../model/resource';
import { isObj } from '../kustomize/build/fields';
import type { Origin, OriginTable } from '../kustomize/build/resource';
import { isKustomizationUri } from '../kustomize/kustomization';
import { pathOfUri } from '../kustomize/roots';
import { folderOf } from '../kustomize/uri-path';
import type { Workspace } from '../workspace/workspace';
import { pathAtOffset } from './build-relocate';
import type { EditorBuilds } from './kustomize-builds';

/** One overlay's value of a base field, where it differs from the base. */
export interface OverlayValue {
  /** The overlay's folder relative to the folder it shares with the base file (`overlays/prod`). */
  overlay: string;
  /** The value as the overlay builds it, in short YAML-like text; undefined when the overlay removes the field. */
  value?: string;
  /** What set it: `patch overlays/prod/replicas.yaml:7`, or a kustomization entry `overlays/prod/kustomization.yaml:3`. */
  source?: string;
}

/**
 * Hover on a field of a base object: its value in each overlay that changes it (a patch, a
 * transformer such as namespace, namePrefix or images), from the builds of the application roots
 * that read the file. Empty when no overlay changes the field (or the file is in no build).
 */
export function overlayValues(workspace: Workspace, uri: string, offset: number, editor: EditorBuilds): OverlayValue[] {
  const path = pathOfUri(uri);
  const object = workspace.file(uri) && resourcesAt(workspace.file(uri)!.parsed, offset).find((r) => r.node.range && r.node.range[0] <= offset && offset <= r.node.range[2]);
  if (path === undefined || !object?.node.range || isKustomizationUri(uri)) return [];
  const { path: field } = pathAtOffset(object.node, offset);
  if (field.length === 0) return [];
  const out: OverlayValue[] = [];
  for (const build of editor.builds) {
    const built = build.result.resources.find((r) => r.origin.file === path && r.origin.start === object.node.range![0]);
    if (!built) continue;
    const found = builtField(build.result.origins, built.value, object.node, field, path);
    const base = valueAt(object.value, field);
    // A JSON patch writes new values without origins: then only a different value tells a change.
    const changed = !found ? base !== undefined : found.origin ? found.origin.file !== path || (isPlain(base) && base !== found.value) : !sameValue(base, found.value);
    if (!changed) continue;
    const common = commonFolder(build.folder, folderOf(path));
    out.push({ overlay: relativeTo(common, build.folder), value: found ? shortText(found.value) : undefined, source: found?.origin && sourceLabel(found.origin, common, editor) });
  }
  return out.sort((a, b) => (a.overlay < b.overlay ? -1 : a.overlay > b.overlay ? 1 : 0));
}

/** The hover's markdown section for the overlays' values; empty when none changes the field. */
export function overlayHoverMarkdown(values: readonly OverlayValue[]): string {
  if (values.length === 0) return '';
  const lines = values.map((v) => `- \`${v.overlay}\`: ${v.value === undefined ? 'removed' : `\`${v.value}\``}${v.source ? ` (${v.source})` : ''}`);
  return `**In overlays**\n\n${lines.join('\n')}`;
}

/**
 * The built value of a base field: keys by name; list items by the base item they came from (its
 * origin), else by their `name` (a patch merged into the item). Undefined when the overlay has no such field.
 */
function builtField(origins: OriginTable, value: unknown, node: Node, field: FieldPath, file: string): { value: unknown; origin?: Origin } | undefined {
  let current = value;
  let source: unknown = node;
  let origin: Origin | undefined;
  for (const key of field) {
    if (typeof key === 'number') {
      const item = isSeq(source) ? (source.items[key] as Node | undefined) : undefined;
      if (!Array.isArray(current) || !item?.range) return undefined;
      const list = current;
      let j = list.findIndex((_, i) => origins.get(list, i)?.file === file && origins.get(list, i)?.start === item.range![0]);
      const name = isMap(item) ? item.get('name') : undefined;
      if (j < 0 && name !== undefined) j = list.findIndex((x) => isObj(x) && x.name === name);
      // A list a JSON patch rewrote has no origins: its items are taken by position.
      if (j < 0 && key < list.length && list.every((_, i) => origins.get(list, i) === undefined)) j = key;
      if (j < 0) return undefined;
      origin = origins.get(list, j) ?? origin;
      current = list[j];
      source = item;
    } else {
      if (!isObj(current) || !(key in current)) return undefined;
      origin = origins.get(current, key) ?? origin;
      current = current[key];
      source = isMap(source) ? source.get(key, true) : undefined;
    }
  }
  return { value: current, origin };
}

function valueAt(value: unknown, field: FieldPath): unknown {
  let current = value;
  for (const key of field) current = current && typeof current === 'object' ? (current as Record<string | number, unknown>)[key] : undefined;
  return current;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function isPlain(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** A value on one line: scalars as they are, maps and lists in flow style, cut at 80 characters. */
function shortText(value: unknown): string {
  const text = isPlain(value) ? String(value) : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function sourceLabel(origin: Origin, common: string, editor: EditorBuilds): string {
  const text = editor.files.read(origin.file) ?? '';
  const line = text.slice(0, origin.start).split('\n').length;
  const where = `${relativeTo(common, origin.file)}:${line}`;
  const uri = editor.uriOfPath.get(origin.file);
  return (uri ? isKustomizationUri(uri) : /\/(kustomization\.ya?ml|Kustomization)$/.test(origin.file)) ? where : `patch ${where}`;
}

function commonFolder(a: string, b: string): string {
  const x = a.split('/');
  const y = b.split('/');
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  return x.slice(0, i).join('/');
}

function relativeTo(folder: string, path: string): string {
  return path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : path;
}
