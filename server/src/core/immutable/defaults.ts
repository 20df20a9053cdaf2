// API-server defaults (k8s-rules.md §16, the table is server/src/shared/api-defaults.ts) applied
// before comparing two versions of an object, so writing a default explicitly, or removing it, is
// not a change.
import { CONTAINER_DEFAULTS, CONTAINER_PORT_DEFAULTS, defaultImagePullPolicy, HTTP_GET_DEFAULTS, POD_SPEC_DEFAULTS, PROBE_DEFAULTS, PROBES, VOLUME_SOURCE_DEFAULTS, type Defaults } from '../../shared/api-defaults';
import { asObject as obj } from '../workspace/pod-template';

type Obj = Record<string, unknown>;
/** `o` with the absent (or null) fields of `defaults` filled in; default objects are copied, never shared. */
const withDefaults = (o: Obj, defaults: Defaults): Obj => ({
  ...Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, v && typeof v === 'object' ? structuredClone(v) : v])),
  ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)),
});

function container(c: unknown): unknown {
  const o = obj(c);
  if (!o) return c;
  const out = withDefaults(o, { ...CONTAINER_DEFAULTS, imagePullPolicy: defaultImagePullPolicy(typeof o.image === 'string' ? o.image : '') });
  if (Array.isArray(o.ports)) out.ports = o.ports.map((p) => (obj(p) ? withDefaults(obj(p)!, CONTAINER_PORT_DEFAULTS) : p));
  for (const probe of PROBES) {
    const pr = obj(o[probe]);
    if (!pr) continue;
    const filled = withDefaults(pr, PROBE_DEFAULTS);
    const http = obj(pr.httpGet);
    if (http) filled.httpGet = withDefaults(http, HTTP_GET_DEFAULTS);
    out[probe] = filled;
  }
  return out;
}

/**
 * A pod spec with its defaults (`POD_SPEC_DEFAULTS`: those of Pods and templates alike; the checks
 * call this for both, so the Pod-only ones are not filled in).
 */
export function podSpec(spec: unknown): unknown {
  const o = obj(spec);
  if (!o) return spec;
  const out = withDefaults(o, POD_SPEC_DEFAULTS);
  for (const field of ['containers', 'initContainers']) if (Array.isArray(o[field])) out[field] = (o[field] as unknown[]).map(container);
  if (Array.isArray(o.volumes)) {
    out.volumes = o.volumes.map((v) => {
      const vol = obj(v);
      if (!vol) return v;
      const filled: Obj = { ...vol };
      for (const [source, defaults] of Object.entries(VOLUME_SOURCE_DEFAULTS)) {
        const s = obj(vol[source]);
        if (s) filled[source] = withDefaults(s, defaults);
      }
      return filled;
    });
  }
  return out;
}

/** A pod template with its spec defaulted. */
export function podTemplate(template: unknown): unknown {
  const o = obj(template);
  return o ? { ...o, spec: podSpec(o.spec ?? {}) } : template;
}

const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;
const SUFFIX: Record<string, number> = { '': 1, m: 1e-3, u: 1e-6, n: 1e-9, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };

/** The numeric value of a quantity (`1Gi` and `1024Mi` are equal); undefined when not one. */
export function quantityValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = QUANTITY.exec(v.trim());
  if (!m) return undefined;
  const base = Number(m[1]);
  if (Number.isNaN(base)) return undefined;
  if (SUFFIX[m[2]] !== undefined) return base * SUFFIX[m[2]];
  const exp = /^[eE]([-+]?\d+)$/.exec(m[2]);
  return exp ? base * 10 ** Number(exp[1]) : undefined;
}

/** Deep equality where maps ignore key order and quantities compare by value. */
export function equivalent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equivalent(x, b[i]));
  const oa = obj(a);
  const ob = obj(b);
  if (oa && ob) {
    const keys = new Set([...Object.keys(oa), ...Object.keys(ob)]);
    return [...keys].every((k) => equivalent(oa[k], ob[k]));
  }
  const qa = quantityValue(a);
  const qb = quantityValue(b);
  if (qa !== undefined && qb !== undefined && (typeof a === 'string' || typeof b === 'string')) return Math.abs(qa - qb) <= Math.abs(qa) * 1e-12;
  return false;
}

/** The first path below `base` where two values differ (for marking the changed key). */
export function firstDifference(a: unknown, b: unknown, base: (string | number)[] = []): (string | number)[] | undefined {
  if (equivalent(a, b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], [...base, i]);
      if (d) return d;
    }
  }
  const oa = obj(a);
  const ob = obj(b);
  if (oa && ob) {
    for (const k of Object.keys(ob)) {
      const d = firstDifference(oa[k], ob[k], [...base, k]);
      if (d) return d;
    }
    for (const k of Object.keys(oa)) if (!(k in ob) && !equivalent(oa[k], undefined)) return base;
  }
  return base;
}
