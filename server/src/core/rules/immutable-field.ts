import type { Report, ResourceContext, Rule } from './rule';
import { immutableChanges, immutableFieldsTable } from '../immutable/checks';

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
      'message names it (`compared with the live object in cluster context "dev"`).',
      '',
      '```yaml',
      'kind: Job',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - image: shop/migrate:1.5.0   # spec.template: Invalid value: ...: field is immutable',
      '```',
          '',
      'Every immutable field Kubesight knows, per kind (from k8s-rules.md):',
      '',
      immutableFieldsTable(),
    ].join('\n'),
  },
  checkResource(ctx: ResourceContext): Report[] {
    const { resource, baseline } = ctx;
    const match = baseline?.match(resource);
    if (!match) return [];
    return immutableChanges(resource.group, resource.kind, match.before, match.after).map((c) => ({
      path: c.path,
      at: 'key',
      message: `${c.message} (compared with ${match.label})`,
    }));
  },
};
