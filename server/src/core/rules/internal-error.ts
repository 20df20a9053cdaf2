import type { KindEntry } from '../schema/catalog';
import type { Report, DocumentContext, Rule } from './rule';

/**
 * Kubesight's own failures, said out loud: a check that did not run must not look like "no
 * problems". Two sources: a schema the validator could not use completely (reported here, once
 * per object of the kind), and a rule that threw (reported by features/diagnostics.ts under this id).
 */
export const internalError: Rule = {
  meta: {
    id: 'internal-error',
    severity: 'info',
    scope: 'document',
    description: 'A check Kubesight could not complete: a rule that failed, a schema it could not compile.',
    docs: [
      'Says which check did not run on an object, and why, instead of reporting nothing:',
      '',
      '- a rule that failed on the object (a bug in Kubesight: please report it with the message);',
      '  the other rules still ran;',
      '- a CRD schema that could not be compiled: the fields of that kind are not checked;',
      '- a CRD `pattern` that is a Go regular expression without a faithful JavaScript equivalent',
      '  (e.g. the ungreedy flag `(?U)`, back references): that field is not checked against it, the',
      '  rest of the schema is. Common Go constructs are translated: `(?i)`, `(?P<name>…)`, `\\z`,',
      '  `\\pL`, `[[:alpha:]]`, `\\Q…\\E`, escaped punctuation.',
    ].join('\n'),
  },
  checkResource(ctx: DocumentContext): Report[] {
    const { resource, catalog } = ctx;
    const entry = catalog.entry(resource.group, resource.version, resource.kind);
    const problems = entry ? catalog.schemaProblems(entry) : [];
    if (!entry || problems.length === 0) return [];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more like it)` : '';
    return [{ path: ['kind'], at: 'value', message: `the schema of ${describeKind(entry)} ${problems[0]}${more}` }];
  },
};

/** `example.com/v1 Widget (from CRD widgets.example.com in crds/widget.yaml)`. */
function describeKind(entry: KindEntry): string {
  const name = `${entry.group ? `${entry.group}/` : ''}${entry.version} ${entry.kind}`;
  const crd = (entry.schema as Record<string, unknown> | undefined)?.['x-kubesight-crd'];
  if (entry.source === 'catalog' || entry.source === 'cluster') return `${name} (from ${entry.origin ?? entry.source})`;
  if (entry.source !== 'crd') return name;
  const where = entry.origin ? ` in ${displayUri(entry.origin)}` : '';
  return `${name} (from CRD ${typeof crd === 'string' ? crd : '?'}${where})`;
}

function displayUri(uri: string): string {
  if (!uri.startsWith('file://')) return uri;
  try {
    return decodeURIComponent(uri.slice('file://'.length));
  } catch {
    return uri;
  }
}

/** The message of a rule that threw, for features/diagnostics.ts. */
export function ruleFailureMessage(ruleId: string, error: unknown, target: 'object' | 'file'): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const line = text.split('\n')[0];
  const reason = line.length > 200 ? `${line.slice(0, 197)}...` : line;
  return `internal: rule "${ruleId}" failed on this ${target}: ${reason}; other rules still ran`;
}
