import { workspaceRule } from '../rule';
import { DANGLING_DOCS, DANGLING_MESSAGES, unmatchedPodSelector } from './targets';

export const danglingDisruptionBudget = workspaceRule({
  meta: {
    id: 'dangling/disruption-budget',
    replaces: 'dangling-backend',
    severity: 'warning',
    scope: 'workspace',
    description: 'A PodDisruptionBudget whose selector selects no pod template of its namespace.',
    docs: [
      'A PodDisruptionBudget whose `selector` matches no pod of its namespace guards nothing: a node',
      'drain evicts the pods it was meant to keep. A namespace without any workload in the workspace',
      'is information.',
      '',
      ...DANGLING_DOCS,
    ].join('\n'),
    messages: DANGLING_MESSAGES,
  },
  checkResource: (ctx) => unmatchedPodSelector(ctx, 'PodDisruptionBudget'),
});
