import { workspaceRule } from '../rule';
import { DANGLING_DOCS, DANGLING_MESSAGES, unmatchedPodSelector } from './targets';

export const danglingNetworkPolicy = workspaceRule({
  meta: {
    id: 'dangling/network-policy',
    replaces: 'dangling-backend',
    severity: 'warning',
    scope: 'workspace',
    description: 'A NetworkPolicy whose podSelector selects no pod template of its namespace.',
    docs: [
      'A NetworkPolicy whose `podSelector` matches no pod of its namespace protects nothing (and a',
      'typo in it leaves the intended pods open). An empty selector selects every pod on purpose and',
      'is not reported; a namespace without any workload in the workspace is information.',
      '',
      ...DANGLING_DOCS,
    ].join('\n'),
    messages: DANGLING_MESSAGES,
  },
  checkResource: (ctx) => unmatchedPodSelector(ctx, 'NetworkPolicy'),
});
