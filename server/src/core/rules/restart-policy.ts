import type { FieldPath } from '../model/path';
import { locate } from '../model/path';
import { isMap, type Node } from 'yaml';
import type { LineIndex } from '../model/line-index';
import { isBuiltinWorkload, podTemplateOf } from '../workspace/pod-template';
import type { Report, DocumentContext, Rule } from './rule';

const JOB_KINDS = new Set(['Job', 'CronJob']);
/** Built-in workloads whose pods must restart (custom workloads have rules of their own). */
const ALWAYS_ONLY = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'ReplicationController']);

export const restartPolicy: Rule = {
  meta: {
    id: 'restart-policy',
    severity: 'error',
    scope: 'document',
    checksPatches: true,
    fixable: true,
    description: 'Job and CronJob pods need restartPolicy OnFailure or Never; other workloads only Always.',
    docs: [
      'A Job\'s pod template defaults to `restartPolicy: Always`, which the API server refuses for',
      'Jobs: `spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"`.',
      'Deployments, ReplicaSets, DaemonSets and StatefulSets accept only `Always`.',
      'The quick fix adds `restartPolicy: OnFailure` to the pod spec.',
    ].join('\n'),
  },
  checkResource(ctx: DocumentContext): Report[] {
    const { resource } = ctx;
    const template = podTemplateOf(resource);
    if (!template) return [];
    const policy = template.spec.restartPolicy;
    const path: FieldPath = [...template.specPath, 'restartPolicy'];
    const where = path.join('.');
    if (JOB_KINDS.has(resource.kind) && resource.group === 'batch') {
      // A patch without restartPolicy leaves the base's.
      if (policy === undefined || policy === null || policy === '') {
        if (ctx.patch) return [];
        return [{ path: template.specPath, at: 'key', message: `${where}: Required value: valid values: "OnFailure", "Never"`, fixes: addPolicyFix(resource.node, template.specPath, ctx.file.lines) }];
      }
      if (policy !== 'OnFailure' && policy !== 'Never') return [{ path, at: 'value', message: `${where}: Unsupported value: ${JSON.stringify(policy)}: supported values: "OnFailure", "Never"` }];
    }
    if (ALWAYS_ONLY.has(resource.kind) && isBuiltinWorkload(resource) && typeof policy === 'string' && policy !== '' && policy !== 'Always') {
      return [{ path, at: 'value', message: `${where}: Unsupported value: ${JSON.stringify(policy)}: supported values: "Always"` }];
    }
    return [];
  },
};

/** Inserts `restartPolicy: OnFailure` as the first key of the pod spec, at its keys' indentation. */
function addPolicyFix(root: Node, specPath: FieldPath, lines: LineIndex): Report['fixes'] {
  const spec = locate(root, specPath).node;
  if (!isMap(spec) || spec.items.length === 0 || spec.flow) return undefined;
  const firstKey = spec.items[0].key as Node | null;
  const start = firstKey?.range?.[0];
  if (start === undefined) return undefined;
  return [{ title: 'Add restartPolicy: OnFailure', preferred: true, edits: [{ start, end: start, newText: 'restartPolicy: OnFailure\n' + ' '.repeat(lines.positionAt(start).character) }] }];
}

