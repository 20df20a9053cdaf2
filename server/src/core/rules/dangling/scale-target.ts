import { workspaceRule } from '../rule';
import { DANGLING_DOCS, DANGLING_MESSAGES, missingBackends } from './targets';

export const danglingScaleTarget = workspaceRule({
  meta: {
    id: 'dangling/scale-target',
    replaces: 'dangling-backend',
    severity: 'warning',
    scope: 'workspace',
    description: 'A HorizontalPodAutoscaler scale target that is not in the workspace.',
    docs: [
      'An HPA whose `scaleTargetRef` names a Deployment, StatefulSet, Rollout (any scalable kind) that',
      'does not exist scales nothing and reports `FailedGetScale`. A target that no name resembles is',
      'information: a chart or an operator usually makes it.',
      '',
      ...DANGLING_DOCS,
    ].join('\n'),
    messages: DANGLING_MESSAGES,
  },
  checkResource: (ctx) => missingBackends(ctx, 'scale-target'),
});
