import { workspaceRule } from '../rule';
import { DANGLING_DOCS, DANGLING_MESSAGES, missingBackends } from './targets';

export const danglingIngressBackend = workspaceRule({
  meta: {
    id: 'dangling/ingress-backend',
    replaces: 'dangling-backend',
    severity: 'warning',
    scope: 'workspace',
    description: 'An Ingress backend Service that is not in the workspace.',
    docs: [
      'An Ingress routes to a Service that does not exist: the controller answers 503. The Service is',
      'looked up in the Ingress\'s namespace. AWS Load Balancer Controller actions',
      '(`alb.ingress.kubernetes.io/actions.<name>` with port `use-annotation`) are not Services.',
      '',
      ...DANGLING_DOCS,
    ].join('\n'),
    messages: DANGLING_MESSAGES,
  },
  checkResource: (ctx) => missingBackends(ctx, 'ingress'),
});
