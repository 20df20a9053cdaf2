import type { KindEntry } from '../schema/catalog';

/**
 * The JSON Schema of a kustomization file, written from kustomize's Go types (api/types, v5):
 * field names and types are kustomize's, descriptions are ours. kustomize decodes the file
 * strictly (`json: unknown field "foo"`, a number where a string is expected fails the build), so
 * every object here is closed. The same fields make a `Kustomization` (v1beta1) and a
 * `Component` (v1alpha1).
 */

type Schema = Record<string, unknown>;

const str = (description: string): Schema => ({ type: 'string', description });
const bool = (description: string): Schema => ({ type: 'boolean', description });
const strings = (description: string): Schema => ({ type: 'array', items: { type: 'string' }, description });
const stringMap = (description: string): Schema => ({ type: 'object', additionalProperties: { type: 'string' }, description });
const closed = (description: string, properties: Record<string, Schema>, required?: string[]): Schema => ({
  type: 'object', description, properties, additionalProperties: false, ...(required ? { required } : {}),
});
const list = (description: string, items: Schema): Schema => ({ type: 'array', items, description });

const gvk = {
  group: str('API group of the objects (empty for the core group).'),
  version: str('API version of the objects.'),
  kind: str('Kind of the objects.'),
};

const selector = closed('Which objects: every condition given must hold.', {
  ...gvk,
  name: str('Object name; a regular expression matched against the whole name.'),
  namespace: str('Object namespace; a regular expression matched against the whole namespace.'),
  labelSelector: str('A label selector expression (`app=web,tier!=cache`) over the objects\' labels.'),
  annotationSelector: str('A label selector expression over the objects\' annotations.'),
});

const generatorOptions = closed('How generated ConfigMaps and Secrets are made.', {
  labels: stringMap('Labels added to the generated objects.'),
  annotations: stringMap('Annotations added to the generated objects.'),
  disableNameSuffixHash: bool('Keep the generated name as written: no `-<hash>` suffix of the content (references are then not rolled on change).'),
  immutable: bool('Mark the generated objects `immutable: true`.'),
});

const generatorFields = {
  name: str('Name of the generated object (kustomize appends a hash of its content unless disabled).'),
  namespace: str('Namespace of the generated object (the kustomization\'s `namespace` otherwise).'),
  behavior: { type: 'string', enum: ['create', 'replace', 'merge'], description: 'With a generator of the same name in a base: `create` (default, a new object), `merge` (add and override keys) or `replace` (take its place).' },
  literals: strings('`KEY=value` pairs, one key each.'),
  files: strings('Files whose content becomes one key each: `path` (the key is the file name) or `key=path`.'),
  envs: strings('Env files (`KEY=value` lines; `#` comments and blank lines skipped), each line one key.'),
  env: str('One env file (older spelling of `envs`).'),
  options: generatorOptions,
};

const patch = closed('A patch: a strategic-merge patch or a JSON 6902 patch, from a file or inline, applied to its target objects.', {
  path: str('Patch file, relative to this kustomization.'),
  patch: str('The patch itself, inline.'),
  target: selector,
  options: closed('Whether the patch may change what it targets.', {
    allowNameChange: bool('Let the patch change the target\'s name.'),
    allowKindChange: bool('Let the patch change the target\'s kind.'),
  }),
});

const image = closed('An image override for every container (and init container) running image `name`.', {
  name: str('The image name as written in the containers, without tag or digest.'),
  newName: str('The image name to use instead.'),
  newTag: str('The tag to use (a string: quote numeric tags such as "1.27").'),
  tagSuffix: str('A suffix appended to the tag.'),
  digest: str('A digest to use (`sha256:…`), replacing any tag.'),
});

const label = closed('Labels to add, and where.', {
  pairs: stringMap('The labels.'),
  includeSelectors: bool('Also add them to selectors (Service selector, workload selector and template): changes what selects what.'),
  includeTemplates: bool('Also add them to pod templates (without selectors).'),
  includeVolumeClaimTemplates: bool('Also add them to StatefulSet volume claim templates.'),
  fields: list('Further fields that receive the labels.', closed('A field of some kinds.', { ...gvk, path: str('Slash-separated field path.'), create: bool('Create the field when absent.') })),
});

const fieldOptions = closed('How the value is read or written.', {
  delimiter: str('Split the field at this delimiter…'),
  index: { type: 'integer', description: '…and use this part.' },
  encoding: str('Encoding of the field value.'),
  create: bool('Create the target field when absent.'),
});

const replacement = closed('Copies one field\'s value into fields of other objects.', {
  path: str('A file holding the replacement, relative to this kustomization.'),
  source: closed('Where the value comes from.', {
    ...gvk,
    name: str('Source object name.'),
    namespace: str('Source object namespace.'),
    fieldPath: str('Field of the source (`metadata.name` by default).'),
    options: fieldOptions,
  }),
  sourceValue: str('A literal value instead of a source field.'),
  targets: list('Where the value goes.', closed('Target objects and fields.', {
    select: selector,
    reject: list('Objects excluded from the selection.', selector),
    fieldPaths: strings('Fields of the targets that receive the value.'),
    options: fieldOptions,
  })),
});

const helmChart = closed('A Helm chart to inflate (needs helm and `--enable-helm`).', {
  name: str('Chart name.'), version: str('Chart version.'), repo: str('Chart repository URL.'), releaseName: str('Release name.'),
  namespace: str('Release namespace.'), additionalValuesFiles: strings('Values files merged over `valuesFile`.'), valuesFile: str('Values file.'),
  valuesInline: { type: 'object', description: 'Values written here.' }, valuesMerge: str('`merge`, `override` or `replace`.'),
  includeCRDs: bool('Include the chart\'s CRDs.'), skipHooks: bool('Leave out hooks.'), apiVersions: strings('Capabilities.APIVersions.'),
  kubeVersion: str('Capabilities.KubeVersion.'), nameTemplate: str('Release name template.'), skipTests: bool('Leave out tests.'),
  debug: bool('Verbose helm output.'), devel: bool('Use development versions.'),
});

const DEPRECATED_NOTE = ' Deprecated:';

function kustomizationSchema(kind: 'Kustomization' | 'Component', apiVersion: string): Schema {
  const description = kind === 'Kustomization'
    ? 'A kustomization: the resources kustomize builds and the changes it makes to them (`kustomize build`, `kubectl apply -k`).'
    : 'A kustomize component: changes an including kustomization applies to its own resources (listed under `components`).';
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `kubesight:kustomize/${apiVersion}/${kind}`,
    ...closed(description, {
      apiVersion: { type: 'string', description: `\`${apiVersion}\`.` },
      kind: { type: 'string', description: `\`${kind}\`.` },
      metadata: closed('Name and labels of the kustomization itself (not applied to resources).', {
        name: str('Name.'), namespace: str('Namespace.'), labels: stringMap('Labels.'), annotations: stringMap('Annotations.'),
      }),
      openapi: stringMap('Which OpenAPI schema kustomize uses for merge keys (`path: file.json`, or `version`).'),
      namePrefix: str('Prepended to the name of every resource, and to the references to them.'),
      nameSuffix: str('Appended to the name of every resource, and to the references to them.'),
      namespace: str('Sets the namespace of every namespaced resource (and of RoleBinding subjects naming the default ServiceAccount…).'),
      commonLabels: stringMap(`Labels added to every resource, and to selectors and templates.${DEPRECATED_NOTE} use \`labels\`.`),
      labels: list('Labels added to every resource; selectors and templates only when asked.', label),
      commonAnnotations: stringMap('Annotations added to every resource (and pod template).'),
      patchesStrategicMerge: strings(`Strategic-merge patch files (or inline patches).${DEPRECATED_NOTE} use \`patches\`.`),
      patchesJson6902: list(`JSON 6902 patches with a target.${DEPRECATED_NOTE} use \`patches\`.`, patch),
      patches: list('Patches (strategic merge or JSON 6902), from a file or inline, each for the objects of its target (or the object it names).', patch),
      images: list('Image overrides: new name, tag or digest for containers running an image.', image),
      imageTags: list(`Image overrides.${DEPRECATED_NOTE} use \`images\`.`, image),
      replacements: list('Copy values from one object\'s field into other objects\' fields.', replacement),
      replicas: list('Replica counts by workload name.', closed('A workload\'s replica count.', {
        name: str('Workload name (before prefix and suffix).'), count: { type: 'integer', description: 'Replicas.' },
      })),
      vars: list(`Values substituted for \`$(NAME)\` in fields.${DEPRECATED_NOTE} use \`replacements\`.`, closed('A variable.', {
        name: str('Variable name, used as `$(name)`.'),
        objref: closed('The object the value is read from.', { apiVersion: str('API version.'), ...gvk, name: str('Name.'), namespace: str('Namespace.') }),
        fieldref: closed('The field the value is read from.', { fieldPath: str('Field path (`metadata.name` by default).') }),
      })),
      sortOptions: closed('Output order.', {
        order: { type: 'string', enum: ['legacy', 'fifo'], description: '`legacy` (by kind, the default) or `fifo` (as listed).' },
        legacySortOptions: closed('Kinds first and last in legacy order.', { orderFirst: strings('Kinds first.'), orderLast: strings('Kinds last.') }),
      }),
      resources: strings('Files of manifests, folders holding a kustomization, or remote kustomizations, relative to this file.'),
      components: strings('Folders of components whose changes apply to this kustomization\'s resources.'),
      crds: strings('CRD files whose kinds kustomize should know (for name references), not output.'),
      bases: strings(`Folders of other kustomizations.${DEPRECATED_NOTE} use \`resources\`.`),
      configMapGenerator: list('ConfigMaps generated from literals and files.', closed('A generated ConfigMap.', generatorFields)),
      secretGenerator: list('Secrets generated from literals and files (values base64-encoded).', closed('A generated Secret.', {
        ...generatorFields, type: str('Secret type (`Opaque` by default).'),
      })),
      helmGlobals: closed('Helm settings shared by the charts.', { chartHome: str('Folder of local charts.'), configHome: str('Helm configuration folder.') }),
      helmCharts: list('Helm charts to inflate.', helmChart),
      helmChartInflationGenerator: list(`Helm charts (older form).${DEPRECATED_NOTE} use \`helmCharts\`.`, { type: 'object', description: 'A chart.' }),
      generatorOptions,
      configurations: strings('Transformer configuration files (which fields hold names, labels, …).'),
      generators: strings('Generator plugin configurations (files or inline).'),
      transformers: strings('Transformer plugin configurations (files or inline).'),
      validators: strings('Validator plugin configurations (files or inline).'),
      buildMetadata: list('Build metadata kustomize records on each resource.', { type: 'string', enum: ['originAnnotations', 'transformerAnnotations', 'managedByLabel'] }),
    }),
  };
}

export const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io';

/** Catalog entries of the two kinds; the schema travels in the entry (like a workspace CRD's). */
export const KUSTOMIZE_KINDS: readonly KindEntry[] = [
  { group: KUSTOMIZE_GROUP, version: 'v1beta1', kind: 'Kustomization', namespaced: false, schema: kustomizationSchema('Kustomization', `${KUSTOMIZE_GROUP}/v1beta1`), source: 'crd' },
  { group: KUSTOMIZE_GROUP, version: 'v1alpha1', kind: 'Component', namespaced: false, schema: kustomizationSchema('Component', `${KUSTOMIZE_GROUP}/v1alpha1`), source: 'crd' },
];
