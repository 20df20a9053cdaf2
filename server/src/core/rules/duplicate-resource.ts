import type { Report, WorkspaceContext, Rule } from './rule';
import { namespaceOf } from '../workspace/lookup';
import { sameResource } from '../model/resource';

export const duplicateResource: Rule = {
  meta: {
    id: 'duplicate-resource',
    severity: 'error',
    scope: 'workspace',
    description: 'The same group/kind/namespace/name twice in one file (error); in two files (information).',
    docs: [
      'Two objects with the same identity in one file: `kubectl apply` applies both and the last one',
      'wins silently. Across files the same object is legitimate (kustomize bases and overlays,',
      'alternative versions of an example), so it is only information there.',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource, workspace } = ctx;
    if (!workspace || !resource.name) return [];
    const namespace = namespaceOf(resource);
    const { index } = workspace;
    const same = [...index.find(resource.group, resource.kind, namespace, resource.name), ...index.find(resource.group, resource.kind, '', resource.name)].filter((o) => !o.producedBy && !o.generatedBy && !sameResource(o.resource, resource));
    if (same.length === 0) return [];
    const inFile = same.filter((o) => o.uri === ctx.uri);
    if (inFile.length > 0) {
      // Report the second and later copies; the first one is where the object is "defined".
      if (inFile.every((o) => o.resource.document.start > resource.document.start || (o.resource.document === resource.document && o.resource.basePath.join() > resource.basePath.join()))) return [];
      return [{ path: ['metadata', 'name'], at: 'value', message: `${resource.kind} "${resource.name}" is defined twice in this file` }];
    }
    const where = same.map((o) => o.uri.split('/').pop()).join(', ');
    return [{ path: ['metadata', 'name'], at: 'value', severity: 'info', message: `${resource.kind} "${resource.name}" is also defined in ${where}` }];
  },
};
