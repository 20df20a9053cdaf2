import { workspaceRule } from '../rule';
import { DANGLING_DOCS, DANGLING_MESSAGES, missingBackends } from './targets';

export const danglingRouteBackend = workspaceRule({
  meta: {
    id: 'dangling/route-backend',
    replaces: 'dangling-backend',
    severity: 'warning',
    scope: 'workspace',
    description: 'A Gateway API route backend Service that is not in the workspace.',
    docs: [
      'A Gateway API route (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute `backendRefs`, request',
      'mirrors too) names a Service that does not exist, in the namespace the reference names: the',
      'route gets `ResolvedRefs: False` and its requests a 500. Routes are often kept apart from the',
      'applications they route to: a backend in a namespace of which the workspace has no Service at',
      'all is information.',
      '',
      ...DANGLING_DOCS,
    ].join('\n'),
    messages: DANGLING_MESSAGES,
  },
  checkResource: (ctx) => missingBackends(ctx, 'route'),
});
