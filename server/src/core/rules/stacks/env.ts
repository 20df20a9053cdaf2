import type { FieldPath } from '../../model/path';
import type { Resource } from '../../model/resource';
import { asArray, asObject, containersOf, podTemplateOf } from '../../workspace/pod-template';

/** A plain `env` value of a container (not from a Secret or ConfigMap), with its path. */
export interface PlainEnv {
  name: string;
  value: string;
  path: FieldPath;
  container: Record<string, unknown>;
}

export function plainEnv(resource: Resource): PlainEnv[] {
  const template = podTemplateOf(resource);
  if (!template) return [];
  return containersOf(template).flatMap(({ container, path }) =>
    asArray(container.env).flatMap((e, i) => {
      const env = asObject(e);
      return env && typeof env.name === 'string' && (typeof env.value === 'string' || typeof env.value === 'number' || typeof env.value === 'boolean')
        ? [{ name: env.name, value: String(env.value), path: [...path, 'env', i, 'value'], container }]
        : [];
    }),
  );
}

/** Names that hold credentials in the stacks we know (Laravel, Directus) and in general. */
export const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|SECRET|TOKEN|APP_KEY|API_KEY|PRIVATE_KEY|ACCESS_KEY|CLIENT_SECRET)($|_)|^KEY$/i;

/**
 * Whether a value under a credential-looking name really is a credential. Flags (`"1"`, `no`),
 * paths of mounted secret files (`*_FILE`), `$(OTHER_VAR)` references and numeric settings
 * (`*_TTL_SECONDS`, `PASSWORD_MIN_LENGTH`) are settings about credentials, not credentials.
 */
export function isCredential(name: string, value: string): boolean {
  const v = value.trim();
  if (v === '' || /^(true|false|yes|no|on|off|0|1)$/i.test(v) || /^\$\([A-Za-z0-9_]+\)$/.test(v)) return false;
  if (/_FILE$|(^|_)(RANDOM|ALLOW_EMPTY|LENGTH|MIN|MAX|TTL|SECONDS|EXPIRES?|ROTATION|ALGORITHM|PATH)($|_)/i.test(name)) return false;
  return SECRET_NAME.test(name);
}

