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
 * Names that point at a credential rather than hold one: the Secret's name or key
 * (`DB_SECRET_NAME`, `*_SECRET_REF`, `*_SECRET_KEY_REF`), its id, ARN or version in a secret
 * manager (`SECRET_ID`, `SECRET_VERSION`), where a file or an endpoint is (`*_PASSWORD_FILE`,
 * `*_PASSWORD_PATH`, `TOKEN_URL`). An identifier (`AWS_ACCESS_KEY_ID`) is not the key either.
 */
const REFERENCE_NAME = /_(NAME|REF|ID|ARN|VERSION|FILE|PATH|DIR|URL|URI|ENDPOINT)$/i;

/**
 * Values that are not the credential itself: flags (`"1"`, `no`), a path (`/run/secrets/db`),
 * `$(OTHER_VAR)` and `${VAR}` placeholders filled in elsewhere, `latest` (a secret manager's
 * version), and secret-manager references (Vault, AWS, GCP, Azure Key Vault, `ref+…` of vals).
 * A placeholder such as `changeme` is still flagged: whatever replaces it lands in the same place.
 */
const REFERENCE_VALUE = /^(true|false|yes|no|on|off|0|1|latest)$|^\$\([A-Za-z0-9_]+\)$|^\$\{[A-Za-z0-9_]+(:?[-=?][^}]*)?\}$|^\/|^(vault:|ref\+|arn:aws:(secretsmanager|ssm):|projects\/[^/]+\/secrets\/|https:\/\/[a-z0-9-]+\.vault\.azure\.net\/)/i;

/**
 * Whether a value under a credential-looking name really is a credential. Settings about
 * credentials (`*_TTL_SECONDS`, `PASSWORD_MIN_LENGTH`), names of references and reference values
 * (above) are not.
 */
export function isCredential(name: string, value: string): boolean {
  const v = value.trim();
  if (v === '' || REFERENCE_VALUE.test(v) || REFERENCE_NAME.test(name)) return false;
  if (/(^|_)(RANDOM|ALLOW_EMPTY|LENGTH|MIN|MAX|TTL|SECONDS|EXPIRES?|ROTATION|ALGORITHM|PATH)($|_)/i.test(name)) return false;
  return SECRET_NAME.test(name);
}
