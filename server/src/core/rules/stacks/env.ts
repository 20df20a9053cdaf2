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

/** The command line of a container as one string (command + args), for recognising what it runs. */
export function commandLine(container: Record<string, unknown>): string {
  return [...asArray(container.command), ...asArray(container.args)].map(String).join(' ');
}
