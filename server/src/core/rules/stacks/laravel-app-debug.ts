import type { Report, WorkspaceContext, Rule } from '../rule';
import { asObject } from '../../workspace/pod-template';
import { plainEnv } from './env';

const TRUE = /^(true|1|yes|on)$/i;

export const laravelAppDebug: Rule = {
  meta: {
    id: 'laravel-app-debug',
    severity: 'warning',
    scope: 'stack',
    description: '`APP_DEBUG=true` together with `APP_ENV=production` (in a container\'s env or a ConfigMap).',
    docs: [
      'With `APP_DEBUG=true` Laravel shows stack traces, environment variables and credentials to',
      'anyone who triggers an error. It must be off in production.',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource } = ctx;
    if (resource.kind === 'ConfigMap' && resource.group === '') {
      const data = asObject(resource.value.data) ?? {};
      return String(data.APP_ENV ?? '').toLowerCase() === 'production' && TRUE.test(String(data.APP_DEBUG ?? ''))
        ? [{ path: ['data', 'APP_DEBUG'], at: 'value', message: 'APP_DEBUG is on with APP_ENV=production: Laravel will show stack traces and secrets' }]
        : [];
    }
    const env = plainEnv(resource);
    return env
      .filter((e) => e.name === 'APP_DEBUG' && TRUE.test(e.value))
      .filter((e) => env.some((o) => o.container === e.container && o.name === 'APP_ENV' && o.value.toLowerCase() === 'production'))
      .map((e) => ({ path: e.path, at: 'value' as const, message: 'APP_DEBUG is on with APP_ENV=production: Laravel will show stack traces and secrets' }));
  },
};
