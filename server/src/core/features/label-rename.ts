import type { Node } from 'yaml';
import { rangeOfPath, type FieldPath } from '../model/path';
import type { Resource } from '../model/resource';
import { namespaceOf } from '../workspace/lookup';
import type { Workspace } from '../workspace/workspace';
import { fieldAt } from './hover';
import type { Location } from './navigation';

/** Maps of labels and label selectors, wherever a kind keeps them. */
function labelMaps(resource: Resource): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (value: unknown, path: (string | number)[], depth: number) => {
    if (depth > 12 || !value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, [...path, i], depth + 1));
    for (const [k, v] of Object.entries(value)) {
      const isServiceSelector = resource.kind === 'Service' && resource.group === '' && path.length === 1 && path[0] === 'spec' && k === 'selector';
      if (k === 'labels' || k === 'matchLabels' || isServiceSelector) out.push([...path, k]);
      else if (k !== 'data' && k !== 'stringData' && k !== 'status') walk(v, [...path, k], depth + 1);
    }
  };
  walk(resource.value, [], 0);
  return out;
}

interface LabelTarget {
  key: string;
  value: string;
  part: 'key' | 'value';
  namespace: string;
}

function labelAt(workspace: Workspace, uri: string, offset: number): LabelTarget | undefined {
  const file = workspace.file(uri);
  const object = file?.objects.find((o) => offset >= o.resource.document.start && offset <= o.resource.document.end);
  if (!object) return undefined;
  const hit = fieldAt(object.resource.node as unknown as Node, offset);
  if (!hit || hit.path.length < 2) return undefined;
  const mapPath = hit.path.slice(0, -1);
  if (!labelMaps(object.resource).some((p) => p.join('/') === mapPath.join('/'))) return undefined;
  const key = String(hit.path[hit.path.length - 1]);
  const value = mapPath.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], object.resource.value) as Record<string, unknown>;
  const keyRange = rangeOfPath(object.resource.node, hit.path, 'key');
  const part = keyRange && offset >= keyRange[0] && offset <= keyRange[1] ? 'key' : 'value';
  return { key, value: String(value?.[key] ?? ''), part, namespace: namespaceOf(object.resource) };
}

/**
 * Every occurrence of a label (key, or key=value) in labels and selectors of the same namespace:
 * renaming one renames the link between a workload, its pods and whatever selects them.
 */
export function labelLocations(workspace: Workspace, uri: string, offset: number): Location[] | undefined {
  const target = labelAt(workspace, uri, offset);
  if (!target) return undefined;
  const out: Location[] = [];
  // Patches carry the labels an overlay sets: renaming one renames them there too.
  for (const o of [...workspace.index.objects, ...workspace.index.patches]) {
    if (o.namespace !== target.namespace && o.namespace !== '') continue;
    for (const mapPath of labelMaps(o.resource)) {
      const map = mapPath.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], o.resource.value) as Record<string, unknown> | undefined;
      if (!map || typeof map !== 'object' || !(target.key in map)) continue;
      if (target.part === 'value' && String(map[target.key]) !== target.value) continue;
      const range = rangeOfPath(o.resource.node, [...mapPath, target.key], target.part);
      if (range) out.push({ uri: o.uri, start: range[0], end: range[1] });
    }
  }
  return out;
}
