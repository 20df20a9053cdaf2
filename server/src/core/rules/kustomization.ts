import { isMap, type Node } from 'yaml';
import type { FileContext, Report, Rule } from './rule';
import { documentValue } from '../model/parse';
import { rangeOfPath, type FieldPath } from '../model/path';
import { isKustomizationUri } from '../kustomize/kustomization';
import { namedPaths, type NamedPath } from '../kustomize/listed-paths';
import { KUSTOMIZE_GROUP } from '../kustomize/schema';
import type { NotBuiltField } from '../kustomize/build/build';
import { validateAgainstSchema } from '../schema/validate';
import { isKubernetesObject } from '../model/resource';

/** kustomize's own warnings (api/types/kustomization.go, `CheckDeprecatedFields`), without their `# Warning:` prefix. */
const EDIT_FIX = "Run 'kustomize edit fix' to update your Kustomization automatically.";
const DEPRECATED: Readonly<Record<string, string>> = {
  bases: `'bases' is deprecated. Please use 'resources' instead. ${EDIT_FIX}`,
  commonLabels: `'commonLabels' is deprecated. Please use 'labels' instead. ${EDIT_FIX}`,
  imageTags: `'imageTags' is deprecated. Please use 'images' instead. ${EDIT_FIX}`,
  patchesJson6902: `'patchesJson6902' is deprecated. Please use 'patches' instead. ${EDIT_FIX}`,
  patchesStrategicMerge: `'patchesStrategicMerge' is deprecated. Please use 'patches' instead. ${EDIT_FIX}`,
  vars: `'vars' is deprecated. Please use 'replacements' instead. [EXPERIMENTAL] ${EDIT_FIX}`,
};

/** Fields whose effect the in-memory build does not reproduce (its notes): said once each, never silent. */
const NOT_BUILT: Readonly<Record<NotBuiltField, string>> = {
  helmCharts: 'helmCharts: Helm charts are not built by Kubesight (kustomize needs helm and --enable-helm); their objects are not checked',
  helmChartInflationGenerator: 'helmChartInflationGenerator: Helm charts are not built by Kubesight; their objects are not checked',
  generators: 'generators: plugins are not built by Kubesight; what they generate is not checked',
  transformers: 'transformers: plugins are not built by Kubesight; what they change is not checked',
  validators: 'validators: plugins are not run by Kubesight',
  // The build would differ from kustomize's, so builds that take this kustomization are not checked
  // (roots.ts: only complete builds are), and the user is told why.
  vars: 'vars: vars are not substituted by Kubesight; builds that take this kustomization are not checked, its files are checked one by one',
  configurations: 'configurations: transformer configurations are not read by Kubesight; builds that take this kustomization are not checked, its files are checked one by one',
  crds: 'crds: crds are not read by Kubesight; builds that take this kustomization are not checked, its files are checked one by one',
};

export const kustomization: Rule = {
  meta: {
    id: 'kustomization',
    severity: 'error',
    scope: 'file',
    description: 'Kustomization files: unknown fields, deprecated fields, paths that do not exist, builds that fail.',
    docs: [
      'A `kustomization.yaml` (also `kustomization.yml`, `Kustomization`) is checked as kustomize reads it:',
      '',
      '- its fields against the bundled schema of `Kustomization` (kustomize.config.k8s.io/v1beta1) and',
      '  `Component` (v1alpha1), also when the file has no `apiVersion`/`kind`: kustomize decodes it',
      '  strictly, so an unknown field or a number where a string belongs (`newTag: 1.27`) fails the build;',
      '- deprecated fields (`bases`, `commonLabels`, `imageTags`, `patchesJson6902`, `patchesStrategicMerge`,',
      '  `vars`) are warnings with kustomize\'s own message and replacement;',
      '- every local path it names (`resources`, `bases`, `components`, patch files, generator `files`',
      '  and `envs`, `configurations`, `crds`, `replacements`) must exist: an error on the entry',
      '  otherwise; a folder under `resources` or `components` must hold a kustomization;',
      '- remote entries (URLs, `github.com/…?ref=`) are information: Kubesight works offline and does',
      '  not fetch them; `helmCharts` and plugins are information: not built; `vars`, `configurations`',
      '  and `crds` are information: not applied, so the builds that take them are not checked;',
      '- when every path exists, the kustomization is built in memory as `kustomize build` would (not',
      '  a Component, which builds only inside another, nor a build with parts Kubesight does not build),',
      '  and a failed build is an error in kustomize\'s words at the entry that fails: a patch whose',
      '  target is not in the build, a key a generator repeats, a `behavior: merge` with nothing to merge.',
    ].join('\n'),
  },
  checkFile({ file, catalog, uri }: FileContext): Report[] {
    if (!uri || !isKustomizationUri(uri)) return [];
    const document = file.documents.find((d) => d.errors.length === 0 && isMap(d.doc.contents));
    if (!document) return [];
    const value = documentValue(document) as Record<string, unknown>;
    const root = document.doc.contents as Node;
    const at = (path: FieldPath, where: 'key' | 'value') => rangeOfPath(root, path, where) ?? rangeOfPath(root, path.slice(0, 1), 'key');
    const located = (report: Omit<Report, 'range'>, path: FieldPath, where: 'key' | 'value'): Report[] => {
      const range = at(path, where);
      return range ? [{ ...report, range }] : [];
    };
    const reports: Report[] = [];
    // With apiVersion and kind the schema rule validates it; without, kustomize still reads it as a Kustomization.
    if (!isKubernetesObject(value)) {
      const entry = catalog.entry(KUSTOMIZE_GROUP, 'v1beta1', 'Kustomization');
      const validate = entry && catalog.validator(entry);
      if (validate) for (const v of validateAgainstSchema(validate, value)) reports.push(...located({ message: v.message }, v.path, v.at));
    }
    for (const field of Object.keys(value)) {
      if (DEPRECATED[field]) reports.push(...located({ message: DEPRECATED[field], severity: 'warning' }, [field], 'key'));
      const notBuilt = (NOT_BUILT as Readonly<Record<string, string | undefined>>)[field];
      if (notBuilt) reports.push(...located({ message: notBuilt, severity: 'info' }, [field], 'key'));
    }
    for (const named of namedPaths(value)) reports.push(...pathReports(named, file.facts.kustomizePaths).flatMap((r) => located(r, named.at, 'value')));
    const failed = file.facts.kustomizeBuild;
    if (failed) {
      const message = `kustomize build fails: ${failed.message}${failed.elsewhere ? ` (at ${failed.elsewhere})` : ''}`;
      const range = failed.range ?? at([Object.keys(value)[0] ?? ''], 'key');
      if (range) reports.push({ message, range });
    }
    return reports;
  },
};

function pathReports(named: NamedPath, found: FileContext['file']['facts']['kustomizePaths']): Omit<Report, 'range'>[] {
  if (named.remote) return [{ message: `"${named.path}" is remote: not fetched (Kubesight works offline); its objects are not checked`, severity: 'info' }];
  const status = found?.[named.path];
  if (!status) return []; // the host could not look
  if (status === 'missing') return [{ message: `"${named.path}": no such file or directory` }];
  if (named.role === 'file' && status !== 'file') return [{ message: `'${named.path}' must resolve to a file` }];
  if (named.role === 'component' && status !== 'kustomization') return [{ message: status === 'file' ? `must build at directory: '${named.path}': file is not directory` : noKustomization(named.path) }];
  if (named.role === 'resource' && status === 'directory') return [{ message: noKustomization(named.path) }];
  return [];
}

function noKustomization(path: string): string {
  return `unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${path}'`;
}
