import type { Report, WorkspaceContext, Rule } from '../rule';
import { containersOf, podTemplateOf, valueAt } from '../../workspace/pod-template';
import { commandOf } from '../../stacks/detect';

export const laravelSchedulerConcurrency: Rule = {
  meta: {
    id: 'laravel-scheduler-concurrency',
    severity: 'warning',
    scope: 'stack',
    description: 'A CronJob running `php artisan schedule:run` without `concurrencyPolicy: Forbid`.',
    docs: [
      'Laravel\'s scheduler is run every minute by a CronJob. With the default',
      '`concurrencyPolicy: Allow`, a slow run overlaps the next one and scheduled tasks run twice',
      '(duplicate mails, double charges). `Forbid` skips a run while the previous one is still going.',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource } = ctx;
    if (resource.kind !== 'CronJob' || resource.group !== 'batch') return [];
    const template = podTemplateOf(resource);
    const runsScheduler = template && containersOf(template).some(({ container }) => /artisan\s+schedule:run/.test(commandOf(container)));
    if (!runsScheduler || valueAt(resource.value, ['spec', 'concurrencyPolicy']) === 'Forbid') return [];
    const policy = valueAt(resource.value, ['spec', 'concurrencyPolicy']);
    return [{ path: policy === undefined ? ['spec', 'schedule'] : ['spec', 'concurrencyPolicy'], at: policy === undefined ? 'key' : 'value', message: 'the Laravel scheduler CronJob should set concurrencyPolicy: Forbid, or overlapping runs execute scheduled tasks twice' }];
  },
};
