// The live cluster as an immutable-field baseline: the live objects the client sends
// (`kubesight/liveBaseline`, server/src/shared/cluster-protocol.ts), matched to the manifests and
// merged with them as `kubectl apply` would. Pure data, no LSP types.
import type { LiveBaselineParams } from '../../shared/cluster-protocol';
import { splitApiVersion, type Resource } from '../model/resource';
import { isNamespacedKind } from '../workspace/indexed-object';
import type { Baseline } from './baseline';
import { digestedSecret, type SecretValueDigest } from './secret-digests';
import { asObject as obj } from '../workspace/pod-template';

type Obj = Record<string, unknown>;
const key = (group: string, kind: string, namespace: string, name: string) => `${group}/${kind}/${namespace}/${name}`;

/** `the live object in cluster context "dev"`, the label of a live baseline. */
export const liveLabel = (context: string) => `the live object in cluster context "${context}"`;

const nameOf = (x: unknown) => obj(x)?.name;
const named = (xs: unknown[]) => xs.every((x) => typeof nameOf(x) === 'string');
/** Both lists hold named items (containers, volumes, env, …): they merge by name. */
const byName = (live: unknown[], manifest: unknown[]) => live.length > 0 && named(live) && named(manifest);

/**
 * The live object with its lists of named items in the file's order (items the file does not name
 * last, in their live order), so that items injected by the server or a webhook, or a different
 * order, are not taken for changes, and a change is found at the file's list index.
 */
export function alignedTo(live: unknown, manifest: unknown): unknown {
  const lo = obj(live);
  const mo = obj(manifest);
  if (lo && mo) return Object.fromEntries(Object.entries(lo).map(([k, v]) => [k, k in mo ? alignedTo(v, mo[k]) : v]));
  if (!Array.isArray(live) || !Array.isArray(manifest)) return live;
  if (byName(live, manifest)) {
    const inFile = manifest.map(nameOf);
    const rank = (x: unknown) => (inFile.includes(nameOf(x)) ? inFile.indexOf(nameOf(x)) : inFile.length);
    return live
      .map((x, i) => ({ x, i }))
      .sort((a, b) => rank(a.x) - rank(b.x) || a.i - b.i)
      .map(({ x }) => alignedTo(x, manifest.find((m) => nameOf(m) === nameOf(x))));
  }
  return live.length === manifest.length ? live.map((x, i) => alignedTo(x, manifest[i])) : live;
}

/**
 * The manifest as the API server receives it from `kubectl apply`: merged over the live object, so
 * what the server filled in (defaults, generated selectors and labels, allocated IPs, metadata) is
 * kept and only what the file sets can differ. Lists of named items merge by name (items the file
 * does not name stay, last), other lists of the same length by position, the rest are replaced. A
 * null in the file keeps the live value. Leaving out a field the file applied before is not seen
 * (the live object carries no record of it), so this errs on the side of silence.
 */
export function appliedOver(live: unknown, manifest: unknown): unknown {
  if (manifest === null || manifest === undefined) return live;
  const lo = obj(live);
  const mo = obj(manifest);
  if (lo && mo) {
    const out: Obj = { ...lo };
    for (const [k, v] of Object.entries(mo)) out[k] = appliedOver(lo[k], v);
    return out;
  }
  if (Array.isArray(live) && Array.isArray(manifest)) {
    if (byName(live, manifest)) {
      const inFile = new Set(manifest.map(nameOf));
      return [...manifest.map((x) => appliedOver(live.find((l) => nameOf(l) === nameOf(x)), x)), ...live.filter((x) => !inFile.has(nameOf(x)))];
    }
    if (live.length === manifest.length) return manifest.map((x, i) => appliedOver(live[i], x));
  }
  return manifest;
}

/**
 * A baseline of the live objects, matched by group, kind, namespace and name; a manifest without
 * `metadata.namespace` matches the live object in the active namespace (`default` when none).
 * Malformed entries are skipped. Secrets hold digests of their values (secret-digests.ts): they are
 * compared through `digest` with the baseline's key, and left out when either is missing.
 */
export function liveBaseline(params: LiveBaselineParams, digest?: SecretValueDigest): Baseline {
  const secretKey = typeof params.secretDigestKey === 'string' && params.secretDigestKey !== '' && digest ? params.secretDigestKey : undefined;
  const isSecret = (group: string, kind: string) => group === '' && kind === 'Secret';
  const context = typeof params.context === 'string' ? params.context : '';
  const active = (typeof params.namespace === 'string' && params.namespace) || 'default';
  const label = liveLabel(context);
  const byKey = new Map<string, Obj>();
  for (const o of Array.isArray(params.objects) ? params.objects : []) {
    const metadata = obj(obj(o)?.metadata);
    if (!o || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || typeof metadata?.name !== 'string') continue;
    const group = splitApiVersion(o.apiVersion).group;
    const namespace = !isNamespacedKind(group, o.kind) ? '' : typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : active;
    if (isSecret(group, o.kind) && !secretKey) continue;
    const { status: _status, ...rest } = o;
    byKey.set(key(group, o.kind, namespace, metadata.name), { ...rest, metadata: { ...metadata, managedFields: undefined } });
  }
  return {
    label,
    match(resource: Resource) {
      if (!resource.name) return undefined;
      const namespace = !isNamespacedKind(resource.group, resource.kind) ? '' : resource.namespace || active;
      const found = byKey.get(key(resource.group, resource.kind, namespace, resource.name));
      if (!found) return undefined;
      const manifest = secretKey && isSecret(resource.group, resource.kind) ? digestedSecret(resource.value, secretKey, digest!) : resource.value;
      const before = alignedTo(found, manifest) as Obj;
      return { before, after: appliedOver(before, manifest) as Obj, label };
    },
  };
}
