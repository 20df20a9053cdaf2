import { rangeOfPath } from '../model/path';
import { resourcesAt } from '../model/resource';
import { namespaceOf } from '../workspace/lookup';
import { asObject } from '../workspace/pod-template';
import { isClusterScopedReference, referencesOf } from '../workspace/references';
import type { Workspace } from '../workspace/workspace';
import type { HoverResult } from './hover';

/**
 * Hover on a reference: what it points at and where. A ConfigMap shows its keys and values; a
 * Secret only its keys, never values.
 */
export function referenceHover(workspace: Workspace, uri: string, offset: number): HoverResult | undefined {
  const file = workspace.file(uri);
  if (!file) return undefined;
  for (const resource of resourcesAt(file.parsed, offset)) {
    for (const ref of referencesOf(resource)) {
      const range = rangeOfPath(resource.node, ref.path, 'value');
      if (!range || offset < range[0] || offset > range[1]) continue;
      const namespace = isClusterScopedReference(ref) ? '' : (ref.namespace ?? namespaceOf(resource));
      const targets = workspace.index.find(ref.group, ref.kind, namespace, ref.name);
      const lines = [`**${ref.kind} ${ref.name}**${namespace ? ` (namespace ${namespace})` : ''}`, ''];
      if (targets.length === 0) lines.push(`Not found in ${workspace.complete ? 'the workspace' : 'the open files'}.`);
      for (const t of targets) {
        const at = workspace.file(t.uri)?.parsed.lines.positionAt(t.resource.document.start);
        lines.push(`Defined in \`${t.uri.slice(t.uri.lastIndexOf('/') + 1)}\`${at ? ` line ${at.line + 1}` : ''}`, '');
        if (t.kind === 'ConfigMap') {
          const data = asObject(t.resource.value.data) ?? {};
          for (const [k, v] of Object.entries(data).slice(0, 30)) lines.push(`- \`${k}\`: \`${preview(v)}\``);
        } else if (t.kind === 'Secret' && t.dataKeys) {
          lines.push(`Keys: ${[...t.dataKeys].map((k) => `\`${k}\``).join(', ') || 'none'} (values hidden)`);
        }
      }
      return { contents: lines.join('\n'), start: range[0], end: range[1] };
    }
  }
  return undefined;
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}
