import type { Report, Rule } from './rule';

/** The one finding of a file that is not checked because it is a Helm/Go template (product.md §5). */
export const templateSkipped: Rule = {
  meta: {
    id: 'template-skipped',
    severity: 'info',
    scope: 'file',
    description: 'A Helm chart template or a file whose Go template markers are YAML syntax: not checked until rendered.',
    docs: [
      'Go templates are not YAML until they are rendered, so such a file is not checked, and the objects',
      'it would define are not in the workspace. So that a skipped file never looks like a clean one, it',
      'gets exactly this one information finding, on its first template marker:',
      '',
      '- a file under `templates/` of a folder with a `Chart.yaml` (a Helm chart), whatever its text',
      '  (marked on line 1);',
      '- a file where `{{` is YAML syntax: `name: {{ .Values.name }}`, `{{- if .Values.x }}` lines,',
      '  `{{ include "labels" . | nindent 4 }}` (YAML reads each as the start of a flow mapping);',
      '- a file with a document that has `{{` in its values and does not parse as YAML.',
      '',
      '`{{` inside a value (plain, quoted or block scalar) or a comment is data: a Grafana dashboard in a',
      'ConfigMap or `{{ $labels.instance }}` in a PrometheusRule is checked like any other manifest.',
      '',
      'To check a chart, check its rendered output: `helm template . --output-dir out && kubesight check out`.',
    ].join('\n'),
  },
  checkFile({ file }): Report[] {
    return file.skipped ? [{ message: file.skipped.reason, range: [file.skipped.start, file.skipped.end] }] : [];
  },
};
