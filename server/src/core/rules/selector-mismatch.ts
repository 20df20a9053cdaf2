import type { Fix } from '../findings';
import { rangeOfPath } from '../model/path';
import type { Resource } from '../model/resource';
import { render } from '../schema/validate';
import { selectorMatches } from '../workspace/lookup';
import { asObject, isBuiltinWorkload, podTemplateOf, stringMap, valueAt } from '../workspace/pod-template';
import type { Report, DocumentContext, Rule } from './rule';

/** Kinds whose selector must match their template; the word the API server uses for an empty one. */
const WORKLOADS: Record<string, string> = { Deployment: 'deployment', ReplicaSet: 'deployment', DaemonSet: 'daemonset', StatefulSet: 'statefulset' };

/**
 * Objects with a pod template but no selector of their own (a CronJob's Jobs get one generated).
 * Every other workload, custom ones too (Argo Rollouts, OpenKruise), is refused with a selector
 * that does not match its template.
 */
const NO_SELECTOR = new Set(['/Pod', '/PodTemplate', 'batch/CronJob']);

export const selectorMismatch: Rule = {
  meta: {
    id: 'selector-mismatch',
    severity: 'error',
    scope: 'document',
    fixable: true,
    description: 'A workload `spec.selector` that does not match `spec.template.metadata.labels`, or is empty.',
    docs: [
      'Deployments, ReplicaSets, DaemonSets, StatefulSets, ReplicationControllers and Jobs with',
      '`manualSelector: true` manage the pods their selector matches; the API server refuses a',
      'template whose labels the selector does not match, and an empty selector. Argo Rollouts and',
      'OpenKruise workloads are refused the same way by their controllers; a Deployment of another',
      'group is not an apps Deployment and is not checked.',
      'The quick fix sets the template label to the selector\'s value.',
    ].join('\n'),
  },
  checkResource(ctx: DocumentContext): Report[] {
    const { resource } = ctx;
    const template = podTemplateOf(resource);
    if (!template || NO_SELECTOR.has(`${resource.group}/${resource.kind}`)) return [];
    const selector = valueAt(resource.value, ['spec', 'selector']);
    if (resource.group === '' && resource.kind === 'ReplicationController') return mapSelector(resource, selector, template.labels);
    if (resource.group === 'batch' && resource.kind === 'Job' && valueAt(resource.value, ['spec', 'manualSelector']) !== true) return [];
    const word = (isBuiltinWorkload(resource) ? WORKLOADS[resource.kind] : undefined) ?? resource.kind.toLowerCase();
    const sel = asObject(selector);
    if (!sel) return []; // a missing required selector is the schema rule's finding
    const matchLabels = stringMap(sel.matchLabels);
    if (Object.keys(matchLabels).length === 0 && (!Array.isArray(sel.matchExpressions) || sel.matchExpressions.length === 0)) {
      return [{ path: ['spec', 'selector'], at: 'key', message: `spec.selector: Invalid value: {}: empty selector is invalid for ${word}` }];
    }
    if (selectorMatches(sel, template.labels)) return [];
    return [mismatch(resource, template.metadataPath, template.labels, matchLabels)];
  },
};

function mapSelector(resource: Resource, selector: unknown, labels: Record<string, string>): Report[] {
  const map = stringMap(selector);
  if (Object.keys(map).length === 0 || Object.entries(map).every(([k, v]) => labels[k] === v)) return [];
  return [mismatch(resource, ['spec', 'template', 'metadata'], labels, map)];
}

/** Marks the first template label that disagrees with the selector (else the labels key), with a fix. */
function mismatch(resource: Resource, metadataPath: readonly (string | number)[], labels: Record<string, string>, matchLabels: Record<string, string>): Report {
  const labelsPath = [...metadataPath, 'labels'];
  const message = `${labelsPath.join('.')}: Invalid value: ${render(labels)}: \`selector\` does not match template \`labels\``;
  const wrong = Object.entries(matchLabels).find(([k, v]) => labels[k] !== undefined && labels[k] !== v);
  const fixes = fixesFor(resource, labelsPath, labels, matchLabels);
  if (wrong) return { path: [...labelsPath, wrong[0]], at: 'value', message, fixes };
  return { path: labelsPath, at: 'key', message, fixes };
}

function fixesFor(resource: Resource, labelsPath: (string | number)[], labels: Record<string, string>, matchLabels: Record<string, string>): Fix[] {
  const edits = Object.entries(matchLabels).flatMap(([k, v]) => {
    if (labels[k] === undefined) return [];
    const range = rangeOfPath(resource.node, [...labelsPath, k], 'value');
    return range && labels[k] !== v ? [{ start: range[0], end: range[1], newText: v }] : [];
  });
  const missing = Object.keys(matchLabels).filter((k) => labels[k] === undefined);
  // Only a pure value change is offered; adding labels needs the template's indentation (done by the LSP layer later).
  return edits.length > 0 && missing.length === 0 ? [{ title: 'Set template labels to match the selector', edits, preferred: true }] : [];
}
