// Name, label and key syntax with the API server's exact messages (k8s-rules.md §0.1).

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const NAME_PART_MSG = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const CONFIG_KEY_MSG = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/** Each returns the API server's messages for a value; [] when valid. */
export type NameRule = (value: string) => string[];

export const dns1123Label: NameRule = (v) => {
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(v)) out.push(DNS1123_SUBDOMAIN.test(v) ? 'must not contain dots' : LABEL_MSG);
  return out;
};

export const dns1123Subdomain: NameRule = (v) => {
  const out: string[] = [];
  if (v.length > 253) out.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(v)) out.push(SUBDOMAIN_MSG);
  return out;
};

export const dns1035Label: NameRule = (v) => {
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 characters');
  if (!DNS1035_LABEL.test(v)) out.push(DNS1035_MSG);
  return out;
};

export const pathSegmentName: NameRule = (v) => {
  if (v === '.' || v === '..') return [`may not be '${v}'`];
  const out: string[] = [];
  if (v.includes('/')) out.push("may not contain '/'");
  if (v.includes('%')) out.push("may not contain '%'");
  return out;
};

/** No problems (shared: most names are valid, and each check runs for every label of every object). */
const VALID: readonly string[] = Object.freeze([]);

/** Label keys and annotation keys: `[prefix/]name`. */
export function qualifiedName(v: string): readonly string[] {
  const slash = v.indexOf('/');
  // The common case first: a valid key allocates nothing.
  if (slash < 0 && v.length > 0 && v.length <= 63 && QUALIFIED_NAME_PART.test(v)) return VALID;
  if (slash >= 0 && v.indexOf('/', slash + 1) >= 0) return ["a valid label key must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
  const prefix = slash >= 0 ? v.slice(0, slash) : undefined;
  const name = slash >= 0 ? v.slice(slash + 1) : v;
  const out: string[] = [];
  if (prefix !== undefined) {
    if (prefix === '') out.push('prefix part must be non-empty');
    else out.push(...dns1123Subdomain(prefix).map((m) => `prefix part ${m}`));
  }
  if (name === '') out.push('name part must be non-empty');
  else {
    if (name.length > 63) out.push('name part must be no more than 63 bytes');
    if (!QUALIFIED_NAME_PART.test(name)) out.push(NAME_PART_MSG);
  }
  return out.length > 0 ? out : VALID;
}

export function labelValue(v: string): readonly string[] {
  if (v.length <= 63 && LABEL_VALUE.test(v)) return VALID;
  const out: string[] = [];
  if (v.length > 63) out.push('must be no more than 63 bytes');
  if (!LABEL_VALUE.test(v)) out.push(LABEL_VALUE_MSG);
  return out;
}

export function configKey(v: string): string[] {
  const out: string[] = [];
  if (v.length > 253) out.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(v)) out.push(CONFIG_KEY_MSG);
  if (v === '.' || v === '..') out.push(`must not be '${v}'`);
  else if (v.startsWith('..')) out.push("must not start with '..'");
  return out;
}

const SUBDOMAIN_KINDS = 'Pod PodTemplate ReplicationController ReplicaSet Deployment DaemonSet Job CronJob ConfigMap Secret ServiceAccount PersistentVolume PersistentVolumeClaim Endpoints LimitRange ResourceQuota Node Ingress IngressClass NetworkPolicy HorizontalPodAutoscaler ControllerRevision StorageClass PriorityClass RuntimeClass'.split(' ');

/** The name rule of a built-in kind (k8s-rules.md §2); path-segment names for the rest. */
export function nameRuleFor(kind: string, group: string, builtin: boolean): NameRule {
  if (!builtin) return pathSegmentName;
  if (kind === 'Namespace' || (kind === 'StatefulSet' && group === 'apps')) return dns1123Label;
  if (kind === 'Service' && group === '') return dns1035Label;
  if (SUBDOMAIN_KINDS.includes(kind)) return dns1123Subdomain;
  return pathSegmentName;
}
