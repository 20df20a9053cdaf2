import type { Report, WorkspaceContext, Rule } from '../rule';
import { containersOf, podTemplateOf, valueAt } from '../../workspace/pod-template';
import { commandOf } from '../../stacks/detect';

/** Kubernetes' default `terminationGracePeriodSeconds`. */
const DEFAULT_GRACE = 30;
/** Long-running queue consumers: `queue:work`, `queue:listen`, Horizon (`horizon`, `horizon:work`, `horizon:supervisor`). */
const WORKER = /artisan["']?\s+(queue:work|queue:listen|horizon(?::(?:work|supervisor))?)(?=$|[\s"';&|)])/;
/** Run-to-completion kinds are not rolled out; a `queue:work --stop-when-empty` Job drains and ends. */
const RUN_ONCE = new Set(['Job', 'CronJob']);

export const laravelWorkerGracePeriod: Rule = {
  meta: {
    id: 'laravel-worker-grace-period',
    severity: 'warning',
    scope: 'stack',
    description: 'A Laravel queue worker (`queue:work`, `queue:listen`, Horizon) without a `terminationGracePeriodSeconds` above 30 s and above its `--timeout`.',
    docs: [
      'On a rollout, a scale-down or a node drain the kubelet sends SIGTERM, waits',
      '`terminationGracePeriodSeconds` (default 30 s) and then sends SIGKILL. `php artisan queue:work`',
      'and Horizon handle SIGTERM by finishing the job in hand and exiting, but a job that needs',
      'longer than the grace period is killed halfway (half-sent mails, half-written records) and',
      'runs again from the start. Set the grace period above the longest job, and bound jobs with',
      'the worker\'s `--timeout` (Laravel\'s default is 60 s); `--max-time` makes the worker restart',
      'regularly between jobs.',
      '',
      'The rule fires when the grace period is unset or at most 30 s, or when it is not above the',
      '`--timeout` written in the command.',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource } = ctx;
    if (resource.group === 'batch' && RUN_ONCE.has(resource.kind)) return [];
    const template = podTemplateOf(resource);
    if (!template) return [];
    const workers = containersOf(template)
      .filter(({ path }) => path[path.length - 2] === 'containers')
      .map(({ container }) => commandOf(container))
      .filter((line) => WORKER.test(line));
    if (workers.length === 0) return [];
    const timeouts = workers.map(timeoutOf).filter((t): t is number => t !== undefined && t > 0);
    const timeout = timeouts.length ? Math.max(...timeouts) : undefined;
    const grace = valueAt(template.spec, ['terminationGracePeriodSeconds']);
    const advice = timeout === undefined
      ? 'set it above the longest job and bound jobs with --timeout (and --max-time)'
      : `set it above the longest job and the worker's --timeout=${timeout} (e.g. ${timeout + 30})`;
    if (grace === undefined || grace === null) {
      return [{ path: template.specPath, at: 'key', message: `the queue worker has no terminationGracePeriodSeconds (default ${DEFAULT_GRACE} s): on rollout it is SIGKILLed mid-job; ${advice}` }];
    }
    if (typeof grace !== 'number') return [];
    if (grace <= DEFAULT_GRACE) {
      return [{ path: [...template.specPath, 'terminationGracePeriodSeconds'], at: 'value', message: `terminationGracePeriodSeconds ${grace} is too short for the queue worker: on rollout it is SIGKILLed mid-job; ${advice}` }];
    }
    if (timeout !== undefined && grace <= timeout) {
      return [{ path: [...template.specPath, 'terminationGracePeriodSeconds'], at: 'value', message: `terminationGracePeriodSeconds ${grace} is not above the worker's --timeout=${timeout}: a job still running at shutdown is SIGKILLed mid-job; ${advice}` }];
    }
    return [];
  },
};

/** `--timeout=60` or `--timeout 60` of a worker command line. */
function timeoutOf(line: string): number | undefined {
  const m = /(?:^|\s)--timeout(?:=|\s+)["']?(\d+)/.exec(line);
  return m ? Number(m[1]) : undefined;
}
