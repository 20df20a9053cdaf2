// `Status` answers with the API server's reasons and wording.
import { qualifiedResource, type ResourceType } from './resources';

export type StatusBody = { kind: 'Status'; apiVersion: 'v1'; metadata: object; status: 'Failure'; message: string; reason: string; code: number; details?: object };

export function failure(code: number, reason: string, message: string, details?: object): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code, ...(details ? { details } : {}) };
}

export const unauthorized = () => failure(401, 'Unauthorized', 'Unauthorized');

export function notFound(t: ResourceType, name: string): StatusBody {
  return failure(404, 'NotFound', `${qualifiedResource(t)} "${name}" not found`, { name, group: t.group, kind: t.plural });
}

export function alreadyExists(t: ResourceType, name: string): StatusBody {
  return failure(409, 'AlreadyExists', `${qualifiedResource(t)} "${name}" already exists`, { name, group: t.group, kind: t.plural });
}

export function forbidden(user: string, verb: string, t: ResourceType, namespace: string | undefined, name?: string): StatusBody {
  const subject = name ? `${qualifiedResource(t)} "${name}"` : qualifiedResource(t);
  const scope = namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
  return failure(403, 'Forbidden', `${subject} is forbidden: User "${user}" cannot ${verb} resource "${t.plural}" in API group "${t.group}"${scope}`, { name, group: t.group, kind: t.plural });
}

export function invalid(kind: string, group: string, name: string, causes: { field: string; message: string }[]): StatusBody {
  const qualified = group ? `${kind}.${group}` : kind;
  const message = `${qualified} "${name}" is invalid: ${causes.map((c) => `${c.field}: ${c.message}`).join(', ')}`;
  return failure(422, 'Invalid', message, { name, group, kind, causes: causes.map((c) => ({ reason: 'FieldValueInvalid', message: c.message, field: c.field })) });
}
