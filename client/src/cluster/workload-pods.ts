// The pods of a workload: its label selector as the API's `labelSelector` query.
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** `app=web,tier in (a,b)` from a LabelSelector; undefined when it selects nothing usable. */
export function selectorString(selector: Obj | undefined): string | undefined {
  if (!selector) return undefined;
  const parts = Object.entries((selector.matchLabels ?? {}) as Record<string, string>).map(([k, v]) => `${k}=${v}`);
  for (const e of (selector.matchExpressions ?? []) as Obj[]) {
    const values = ((e.values ?? []) as string[]).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(String(e.key));
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.length ? parts.join(',') : undefined;
}
