// Editing a Secret with its values decoded (issue 22 §4). The user edits YAML with `stringData`-style
// plain values; saving turns it back into base64 `data`, asks the API server for a dry run of the
// replacement, shows which keys change (names only, values masked), asks, then replaces the Secret
// at the resourceVersion that was read, so an edit made meanwhile by someone else is refused, not
// overwritten. Plain module: the VS Code side (explorer/secret-editor.ts) keeps the text in memory.
// Values never go into an error message: API server messages are passed through maskValuesIn.
import { decodeManifests, encodeManifest } from '../../../server/src/shared/manifest-yaml';
import type { ClusterConnection } from './connection';
import { resourcePath, SECRET } from './kinds';
import { maskValuesIn } from './masking';
import type { Confirm, WritePolicy } from './safety';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const EDIT_HEADER = '# Decoded in memory by Kubesight: values are plain text here and base64 in the cluster.\n# Save to apply (dry run and confirmation first). Nothing of this is written to disk.\n';

/** The editable text: identity, type and every key's value decoded, as stringData. */
export function decodedSecretText(live: Obj): string {
  const stringData: Record<string, string> = {};
  for (const [key, value] of Object.entries((live.data ?? {}) as Record<string, string>)) stringData[key] = Buffer.from(String(value), 'base64').toString('utf8');
  for (const [key, value] of Object.entries((live.stringData ?? {}) as Record<string, string>)) stringData[key] = String(value);
  const metadata = { name: live.metadata?.name, ...(live.metadata?.namespace ? { namespace: live.metadata.namespace } : {}) };
  return EDIT_HEADER + encodeManifest({ apiVersion: 'v1', kind: 'Secret', metadata, ...(live.type ? { type: live.type } : {}), stringData });
}

export interface SecretEdit {
  /** The object to PUT: the live object with `data` replaced (base64) and no stringData. */
  replacement: Obj;
  added: string[];
  removed: string[];
  changed: string[];
}

/** Thrown for an edit that cannot be applied; the message holds no value. */
export class SecretEditError extends Error {}

/** The replacement for `live` that the edited text asks for; refuses a renamed, retyped or unparsable text. */
export function secretEditOf(text: string, live: Obj): SecretEdit {
  const [edited, ...more] = decodeManifests(text) as Obj[];
  if (!edited || more.length) throw new SecretEditError('the text must hold exactly one Secret (is the YAML valid?)');
  if (edited.kind !== 'Secret' || edited.apiVersion !== 'v1') throw new SecretEditError('the text must stay a v1 Secret');
  const same = (a: unknown, b: unknown) => (a ?? '') === (b ?? '');
  if (!same(edited.metadata?.name, live.metadata?.name) || !same(edited.metadata?.namespace, live.metadata?.namespace)) throw new SecretEditError('the name and namespace cannot change here');
  if (!same(edited.type, live.type)) throw new SecretEditError('a Secret\'s type is immutable');
  const values = { ...((edited.data ?? {}) as Record<string, string>) };
  for (const [key, value] of Object.entries((edited.stringData ?? {}) as Record<string, unknown>)) {
    if (typeof value !== 'string') throw new SecretEditError(`the value of ${key} must be a string (quote it)`);
    values[key] = Buffer.from(value, 'utf8').toString('base64');
  }
  const before = (live.data ?? {}) as Record<string, string>;
  const replacement: Obj = { ...live, data: values };
  delete replacement.stringData;
  return {
    replacement,
    added: Object.keys(values).filter((k) => !(k in before)),
    removed: Object.keys(before).filter((k) => !(k in values)),
    changed: Object.keys(values).filter((k) => k in before && before[k] !== values[k]),
  };
}

const describe = (edit: SecretEdit) => [...edit.added.map((k) => `add key ${k}`), ...edit.changed.map((k) => `change key ${k}`), ...edit.removed.map((k) => `remove key ${k}`)];

/**
 * Dry run, confirmation, replacement. Resolves with what changed (key names), or undefined when
 * nothing changes or the user declined. Errors are the API server's, with any value masked.
 */
export async function applySecretEdit(conn: ClusterConnection, live: Obj, edit: SecretEdit, policy: WritePolicy, confirm: Confirm): Promise<string[] | undefined> {
  policy.assertWritable(conn.context.name);
  const changes = describe(edit);
  if (!changes.length) return undefined;
  const path = resourcePath(SECRET, live.metadata?.namespace, live.metadata?.name);
  const put = (dryRun: boolean) => conn.request({ method: 'PUT', path, query: { fieldManager: 'kubesight', ...(dryRun ? { dryRun: 'All' } : {}) }, body: JSON.stringify(edit.replacement), contentType: 'application/json' });
  try {
    await put(true);
    const ok = await policy.confirm(confirm, { action: 'apply', context: conn.context.name, namespace: live.metadata?.namespace, objects: [`update secret/${live.metadata?.name}`], consequences: changes });
    if (!ok) return undefined;
    await put(false);
  } catch (e) {
    throw new SecretEditError(maskValuesIn(maskValuesIn(e instanceof Error ? e.message : String(e), edit.replacement), live));
  }
  return changes;
}
