import type { Report, WorkspaceContext, Rule } from './rule';
import { immutableChanges, immutableFieldsTable } from '../immutable/checks';
import type { Fix } from '../findings';
import type { Resource } from '../model/resource';
import { rangeOfPath } from '../model/path';

/** `migrate` → `migrate-2`, `migrate-2` → `migrate-3`: a new Job that apply creates next to the old one. */
export function nextName(name: string): string {
  const m = /^(.*)-(\d+)$/.exec(name);
  return m ? `${m[1]}-${Number(m[2]) + 1}` : `${name}-2`;
}

function renameFix(resource: Resource): Fix[] | undefined {
  const range = rangeOfPath(resource.node, ['metadata', 'name'], 'value');
  if (!range || !resource.name) return undefined;
  const name = nextName(resource.name);
  return [{ title: `Rename the Job to "${name}" (apply creates a new Job)`, preferred: true, edits: [{ start: range[0], end: range[1], newText: name }] }];
}

export const immutableField: Rule = {
  meta: {
    id: 'immutable-field',
    severity: 'error',
    scope: 'baseline',
    description: 'A change to a field the API server will not update (Job template, workload selectors, StatefulSet spec, PVC spec, immutable ConfigMaps/Secrets, roleRef, …), against the live object or a git ref.',
    docs: [
      'Re-applying an edited Job fails with `spec.template: Invalid value: ...: field is immutable`;',
      'the same trap exists for workload selectors, most of a StatefulSet\'s spec, PVC specs (storage',
      'may only grow), Service `clusterIP`, ConfigMaps and Secrets with `immutable: true`, Secret',
      '`type`, RoleBinding `roleRef`, a Pod\'s spec beyond images. The object is compared with its',
      'version at a git ref (`kubesight.immutable.against`, default `HEAD`; CLI `--against <ref>`),',
      'matched by group, kind, namespace and name. Defaults written out, reordered maps and equal',
      'quantities (`1Gi` = `1024Mi`) are not changes. New or renamed objects have no baseline.',
      'In the editor, when a cluster is connected, the live object wins over git (it is what the API',
      'server compares with; a manifest without a namespace matches the active namespace): the file is',
      'merged over it as `kubectl apply` does, so what the server filled in is not a change, and the',
      'message names it (`compared with the live object in cluster context "dev"`). A live Secret is',
      'compared through keyed digests of its values: the values themselves never leave the cluster',
      'client.',
      '',
      'Every immutable field Kubesight knows, per kind (from k8s-rules.md):',
      '',
      immutableFieldsTable(),
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, baseline } = ctx;
    const match = baseline?.match(resource);
    if (!match) return [];
    const changes = immutableChanges(resource.group, resource.kind, match.before, match.after);
    const isJob = resource.group === 'batch' && resource.kind === 'Job';
    const advice = isJob
      ? 'delete the Job and apply again, or give this run a new name (or generateName); ttlSecondsAfterFinished cleans finished Jobs up'
      : `delete and re-create the ${resource.kind} to change it`;
    const fixes = isJob ? renameFix(resource) : undefined;
    return changes.map((c) => ({ path: c.path, at: 'key', message: `${c.message} (compared with ${match.label}); ${advice}`, fixes }));
  },
};
