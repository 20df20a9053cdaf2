import type { Report, WorkspaceContext, Rule } from '../rule';
import { asObject } from '../../workspace/pod-template';
import { isCredential, plainEnv } from './env';

export const secretInConfigmap: Rule = {
  meta: {
    id: 'secret-in-configmap',
    severity: 'warning',
    scope: 'stack',
    description: 'Credentials (PASSWORD, SECRET, TOKEN, APP_KEY, API_KEY, Directus KEY…) in a ConfigMap or a plain env value instead of a Secret.',
    docs: [
      'ConfigMaps and plain `env` values are readable by anyone who can read the namespace\'s',
      'configuration, show up in `kubectl describe` and end up in logs and dashboards. Laravel\'s',
      '`APP_KEY` and `DB_PASSWORD`, Directus\'s `KEY`, `SECRET`, `ADMIN_PASSWORD` and `DB_PASSWORD`,',
      'and any `*_PASSWORD`/`*_TOKEN`/`*_API_KEY` belong in a Secret (`secretKeyRef`, `secretRef`).',
      'Empty values and what only points at a credential are fine: a Secret\'s name or key',
      '(`DB_SECRET_NAME`, `*_SECRET_REF`, `SECRET_ID`, `SECRET_VERSION: latest`), a file path',
      '(`*_PASSWORD_FILE`, a value starting with `/`), `$(VAR)` and `${VAR}` placeholders, and',
      'secret-manager references (`vault:…`, `arn:aws:secretsmanager:…`).',
    ].join('\n'),
  },
  checkResource(ctx: WorkspaceContext): Report[] {
    const { resource } = ctx;
    if (resource.kind === 'ConfigMap' && resource.group === '') {
      return Object.entries(asObject(resource.value.data) ?? {})
        .filter(([k, v]) => typeof v === 'string' && isCredential(k, v))
        .map(([k]) => ({ path: ['data', k], at: 'key' as const, message: `"${k}" looks like a credential in ConfigMap "${resource.name}"; keep it in a Secret` }));
    }
    return plainEnv(resource)
      .filter((e) => isCredential(e.name, e.value))
      .map((e) => ({ path: e.path, at: 'value' as const, message: `env ${e.name} is a credential written in plain text; read it from a Secret (valueFrom.secretKeyRef)` }));
  },
};
